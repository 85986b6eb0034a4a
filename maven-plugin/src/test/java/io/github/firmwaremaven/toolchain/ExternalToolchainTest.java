package io.github.firmwaremaven.toolchain;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.DigestMemo;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uses the compilers this machine and CI have: gcc, aarch64-linux-gnu-gcc, i686-linux-gnu-gcc. */
class ExternalToolchainTest {
    private static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

    @TempDir
    Path tmp;

    private ExternalToolchain.Validated validate(String name, String target, String prefix, Path dir, String path)
            throws Exception {
        return ExternalToolchain.validate(name, target, prefix, dir, path, tmp.resolve("fw/tmp"), steps,
                BuildLog.SILENT);
    }

    /** One machine for the test, as one build has one: the test compile is its step. */
    private final RecordingLog stepLog = new RecordingLog();
    private StepMachine steps;

    @org.junit.jupiter.api.BeforeEach
    void machine() {
        steps = StepMachine.forBuildArea(tmp.resolve("fw"), BuildTimestamp.of(1), stepLog);
    }

    /** Why validating this declaration fails. */
    private String refusal(String name, String target, String prefix, Path dir, String path) {
        return assertThrows(FirmwareException.class, () -> validate(name, target, prefix, dir, path)).getMessage();
    }

    /** Why this declaration fails on a PATH without any compiler. */
    private String refusalWithoutCompilers(String name, String target, String prefix) throws Exception {
        return refusal(name, target, prefix, null, Files.createDirectories(tmp.resolve("empty-bin")).toString());
    }

    @Test
    void theHostGccValidatesAndLinksStatically() throws Exception {
        ExternalToolchain.Validated v = validate("host", null, "", null, PATH);
        assertEquals("x86_64-linux-gnu", v.toolchain().triple());
        assertEquals("", v.toolchain().prefix());
        assertNull(v.toolchain().binDir());
        assertEquals(ExternalToolchain.Linkage.STATIC, v.linkage());
        assertEquals(64, v.toolchain().identity().length());
    }

    @Test
    void debiansAarch64CrossPrefixValidates() throws Exception {
        ExternalToolchain.Validated v = validate("aarch64", "aarch64", "aarch64-linux-gnu-", null, PATH);
        assertEquals("aarch64-linux-gnu", v.toolchain().triple());
        assertEquals("arm64", v.toolchain().linuxArch());
        assertEquals("aarch64-linux-gnu-gcc", v.toolchain().tool("gcc"));
    }

    @Test
    void debiansI686CrossPrefixValidatesForATripleTarget() throws Exception {
        ExternalToolchain.Validated v = validate("i686", "i686-linux-gnu", "i686-linux-gnu-", null, PATH);
        assertEquals("i686-linux-gnu", v.toolchain().triple());
        assertEquals("x86", v.toolchain().linuxArch());
    }

    @Test
    void theHostGccDeclaredForAarch64IsRefusedWithThePackageToInstall() {
        assertContainsAll(refusal("target", "aarch64", "", null, PATH),
                "targets x86_64-linux-gnu", "gcc-aarch64-linux-gnu");
    }

    @Test
    void aMissingPrefixNamesTheToolAndTheDebianPackage() throws Exception {
        assertContainsAll(refusalWithoutCompilers("riscv", "riscv64", "riscv64-linux-gnu-"),
                "riscv64-linux-gnu-gcc is not on PATH", "sudo apt-get install -y gcc-riscv64-linux-gnu",
                "toolchain 'riscv'");
    }

    @Test
    void aMissingHostGccPointsAtBuildEssential() throws Exception {
        assertContainsAll(refusalWithoutCompilers("host", null, ""), "build-essential");
    }

    @Test
    void aDirectoryWhoseGccPrintsTheWrongMachineIsRefused() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("fake/bin"));
        script(bin.resolve("aarch64-linux-gnu-gcc"),
                "case \"$1\" in -dumpmachine) echo x86_64-linux-gnu ;; *) exit 1 ;; esac\n");
        assertContainsAll(refusal("aarch64", "aarch64", null, tmp.resolve("fake"), PATH),
                "targets x86_64-linux-gnu (its -dumpmachine)", "declares target 'aarch64'");
    }

    @Test
    void aDirectoryWithoutTheCompilerSaysWhereItLooked() throws Exception {
        Files.createDirectories(tmp.resolve("tc/bin"));
        assertContainsAll(refusal("x", "x86_64", "x86_64-linux-musl-", tmp.resolve("tc"), PATH),
                "x86_64-linux-musl-gcc is not in " + tmp.resolve("tc/bin"));
    }

    @Test
    void theIdentityChangesWhenTheDriverBinaryChanges() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("wrapped/bin"));
        Path gcc = bin.resolve("x86_64-linux-gnu-gcc");
        script(gcc, "exec gcc \"$@\"\n");
        ExternalToolchain.Validated first = validate("w", "x86_64", null, tmp.resolve("wrapped"), PATH);
        assertEquals("x86_64-linux-gnu-", first.toolchain().prefix(), "prefix detected from the directory");
        assertEquals(bin, first.toolchain().binDir());
        ExternalToolchain.Validated same = validate("w", "x86_64", null, tmp.resolve("wrapped"), PATH);
        assertEquals(first.toolchain().identity(), same.toolchain().identity());

        script(gcc, "# rebuilt\nexec gcc \"$@\"\n");
        ExternalToolchain.Validated changed = validate("w", "x86_64", null, tmp.resolve("wrapped"), PATH);
        assertNotEquals(first.toolchain().identity(), changed.toolchain().identity());
    }

    @Test
    void theTestCompileIsAStepReusedUntilTheCompilerChanges() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("counted/bin"));
        Path gcc = bin.resolve("x86_64-linux-gnu-gcc");
        Path calls = tmp.resolve("calls.txt");
        String body = "case \"$1\" in -c|-static) echo \"$@\" >> " + calls + " ;; esac\nexec gcc \"$@\"\n";
        script(gcc, body);
        ExternalToolchain.Validated first = validate("c", "x86_64", null, tmp.resolve("counted"), PATH);
        assertEquals(ExternalToolchain.Linkage.STATIC, first.linkage());
        assertTrue(stepLog.contains("toolchain-c-check: running"), stepLog.text());
        long compiles = Files.readAllLines(calls).size();
        assertTrue(compiles >= 2, "compiled and linked the probe: " + Files.readAllLines(calls));

        ExternalToolchain.Validated again = validate("c", "x86_64", null, tmp.resolve("counted"), PATH);
        assertEquals(ExternalToolchain.Linkage.STATIC, again.linkage());
        assertTrue(stepLog.contains("toolchain-c-check: up to date"), stepLog.text());
        assertEquals(compiles, Files.readAllLines(calls).size(), "no test compile for an unchanged compiler");

        // A rebuilt driver (other bytes, so another identity) is tested again, and the log says why.
        script(gcc, "# rebuilt\n" + body);
        validate("c", "x86_64", null, tmp.resolve("counted"), PATH);
        assertEquals(2 * compiles, Files.readAllLines(calls).size(), "the changed compiler was tested again");
        assertTrue(stepLog.lines.stream().anyMatch(l -> l.contains("toolchain-c-check: running (changed:")
                && l.contains("identity")), stepLog.text());
    }

    @Test
    void anEditedVerdictIsNotTrusted() throws Exception {
        validate("host", null, "", null, PATH);
        Path verdict = ExternalToolchain.checkResult(tmp.resolve("fw/tmp"), "host");
        assertEquals("STATIC", Files.readString(verdict).trim());
        Files.writeString(verdict, "FREESTANDING\n");
        ExternalToolchain.Validated v = validate("host", null, "", null, PATH);
        assertEquals(ExternalToolchain.Linkage.STATIC, v.linkage(), "the step ran again over the edited output");
        assertTrue(stepLog.contains("toolchain-host-check: running (output toolchain-host.linkage changed"),
                stepLog.text());
    }

    /**
     * A copy of the host's gcc driver in a directory of its own, installed a while ago (so remembered);
     * its lib leads to the host's, where the driver looks for cc1 relative to itself.
     */
    private Path copiedGcc(String dir) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve(dir).resolve("bin"));
        if (!Files.exists(tmp.resolve(dir).resolve("lib"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(tmp.resolve(dir).resolve("lib"), Path.of("/usr/lib"));
        }
        Path tmpCopy = bin.resolve("gcc.new");
        Files.copy(io.github.firmwaremaven.processes.HostPath.which("gcc", PATH).toRealPath(), tmpCopy);
        Files.setLastModifiedTime(tmpCopy, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000));
        return Files.move(tmpCopy, bin.resolve("gcc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aCompiledDriversAnswersAreRememberedUntilTheDriverIsReplaced() throws Exception {
        Path gcc = copiedGcc("tc");
        Path memoFile = tmp.resolve("fw/state/tool-digests.properties");
        String machine = validate("host", "x86_64", "", gcc.getParent().getParent(), PATH).toolchain().triple();
        assertTrue(Files.readString(memoFile).contains("-dumpmachine"), "the answer was remembered");

        // A planted answer for the driver's current identity is what the next build sees: proof that
        // it was not asked again.
        String planted = Files.readString(memoFile).replace(machine, "aarch64-linux-gnu");
        Files.writeString(memoFile, planted);
        assertContainsAll(refusal("host", "x86_64", "", gcc.getParent().getParent(), PATH),
                "targets aarch64-linux-gnu");

        // Replaced as a package upgrade replaces it (a new file moved over it): asked again.
        copiedGcc("tc");
        assertEquals(machine, validate("host", "x86_64", "", gcc.getParent().getParent(), PATH).toolchain().triple());
    }

    @Test
    void aWrapperScriptIsAskedEveryTime() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("wrapped/bin"));
        Path gcc = bin.resolve("gcc");
        Files.writeString(gcc, "#!/bin/sh\nexec " + io.github.firmwaremaven.processes.HostPath.which("gcc", PATH)
                + " \"$@\"\n");
        Files.setPosixFilePermissions(gcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(gcc, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        validate("host", "x86_64", "", tmp.resolve("wrapped"), PATH);
        Path memoFile = tmp.resolve("fw/state/tool-digests.properties");
        assertFalse(Files.readString(memoFile).contains("answer"), "a script's answers are not remembered");
    }

    @Test
    void theIdentityCoversEachBinaryAndTheVersion() throws Exception {
        Path[] f = new Path[4];
        for (int i = 0; i < 4; i++) {
            f[i] = Files.writeString(tmp.resolve("f" + i), "binary " + i);
            // Installed a while ago, so that the memo remembers their digests.
            Files.setLastModifiedTime(f[i], java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 3_600_000));
        }
        DigestMemo memo = new DigestMemo(tmp.resolve("state/tool-digests.properties"));
        String base = ToolchainIdentity.of(f[0], f[1], f[2], f[3], "gcc 12", memo);
        assertTrue(Files.readString(tmp.resolve("state/tool-digests.properties")).contains(f[1].toString()));
        assertNotEquals(base, ToolchainIdentity.of(f[0], f[1], f[2], f[3], "gcc 13", memo));
        // An upgrade replaces the file (a new inode), as dpkg does: the remembered digest must not be used.
        Path relinked = Files.writeString(tmp.resolve("f3.new"), "BINARY 3"); // same size and time
        Files.setLastModifiedTime(relinked, Files.getLastModifiedTime(f[3]));
        Files.move(relinked, f[3], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(base, ToolchainIdentity.of(f[0], f[1], f[2], f[3], "gcc 12", memo));
        Files.writeString(f[2], "binary 2, patched in place");
        assertNotEquals(base, ToolchainIdentity.of(f[0], f[1], f[2], f[3], "gcc 12",
                new DigestMemo(tmp.resolve("state/tool-digests.properties"))), "a file rewritten in place, a new memo");
    }

    @Test
    void targetsFitByArchitectureFamilyAndByCLibraryWhenATripleIsDeclared() {
        assertTrue(ExternalToolchain.fits("aarch64", "aarch64-linux-gnu"));
        assertTrue(ExternalToolchain.fits("arm64", "aarch64-linux-gnu"));
        assertTrue(ExternalToolchain.fits("x86", "i686-linux-gnu"));
        assertTrue(ExternalToolchain.fits("i386", "i686-linux-gnu"));
        assertTrue(ExternalToolchain.fits("x86_64-linux-musl", "x86_64-linux-musl"));
        assertTrue(ExternalToolchain.fits(null, "anything"));
        assertFalse(ExternalToolchain.fits("x86_64-linux-musl", "x86_64-linux-gnu"));
        assertFalse(ExternalToolchain.fits("x86_64", "i686-linux-gnu"));
        assertEquals("i686-linux-gnu-", ExternalToolchain.suggestedPrefix("x86"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            aarch64-linux-gnu-, gcc-aarch64-linux-gnu
            i686-linux-gnu-,    gcc-i686-linux-gnu
            x86_64-linux-gnu-,  gcc-x86-64-linux-gnu
            riscv64-linux-gnu-, gcc-riscv64-linux-gnu
            '',                 gcc
            """)
    void debiansCompilerPackageFollowsThePrefix(String prefix, String compilerPackage) {
        assertEquals(compilerPackage, DebianPackages.compiler(prefix));
    }

    @Test
    void debiansBinutilsAndLibcPackagesFollowTheTriple() {
        assertEquals("binutils-aarch64-linux-gnu", DebianPackages.binutils("aarch64-linux-gnu-"));
        assertEquals("libc6-dev-arm64-cross", DebianPackages.libcDev("aarch64-linux-gnu-"));
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
