package io.github.firmwaremaven.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SourceToolchainPlanTest {
    private static final Path SRC = Paths.get("/src");
    private static final Path PREFIX = Paths.get("/cache/work/toolchain/k/prefix");
    private static final Path WORK = Paths.get("/cache/work/toolchain/k");

    private static SourceToolchainPlan plan(String triple) {
        return new SourceToolchainPlan(triple, new SourceToolchainPlan.Sources(
                "binutils", SRC.resolve("binutils-2.40"), "gcc", SRC.resolve("gcc-12.2.0"),
                "musl", SRC.resolve("musl-1.2.3"), "linux", SRC.resolve("linux-6.1")),
                PREFIX, WORK, List.of("--enable-deterministic-archives"), List.of("--with-arch=x86-64"), 2,
                "/usr/bin:/bin");
    }

    @Test
    void stagesRunInMuslCrossMakeOrder() {
        List<String> ids = plan("x86_64-linux-musl").stages().stream().map(SourceToolchainPlan.Stage::id)
                .collect(Collectors.toList());
        assertEquals(List.of("binutils", "linux-headers", "gcc-compiler", "musl-headers", "libgcc", "musl",
                "gcc-final"), ids);
    }

    @Test
    void binutilsIsConfiguredForTheTargetWithTheSysrootInsideThePrefix() {
        List<String> args = plan("x86_64-linux-musl").binutilsConfigure();
        assertEquals(List.of("/src/binutils-2.40/configure", "--target=x86_64-linux-musl",
                "--prefix=" + PREFIX, "--with-sysroot=" + PREFIX + "/x86_64-linux-musl", "--disable-nls",
                "--disable-werror", "--disable-gprofng", "--disable-multilib", "--enable-deterministic-archives"),
                args);
    }

    @Test
    void gccIsACOnlyCrossCompilerWithoutTheLibrariesAMuslFirmwareBuildNeverUses() {
        List<String> args = plan("aarch64-linux-musl").gccConfigure();
        assertEquals("/src/gcc-12.2.0/configure", args.get(0));
        for (String expected : List.of("--target=aarch64-linux-musl", "--prefix=" + PREFIX,
                "--with-sysroot=" + PREFIX + "/aarch64-linux-musl", "--with-build-sysroot=" + PREFIX + "/aarch64-linux-musl",
                "--enable-languages=c", "--disable-shared", "--disable-multilib",
                "--disable-libsanitizer", "--disable-bootstrap", "--disable-nls")) {
            assertTrue(args.contains(expected), expected + " missing from " + args);
        }
        assertEquals("--with-arch=x86-64", args.get(args.size() - 1), "board arguments come last and win");
    }

    @Test
    void linuxHeadersAreInstalledWithAnObjectDirectoryNeverInTheSourceTree() {
        SourceToolchainPlan.Stage headers = plan("aarch64-linux-musl").stages().get(1);
        assertEquals(1, headers.commands().size());
        SourceToolchainPlan.Command c = headers.commands().get(0);
        assertEquals(List.of("make", "-C", "/src/linux-6.1", "O=" + WORK.resolve("build-linux-headers"), "ARCH=arm64",
                "INSTALL_HDR_PATH=" + PREFIX + "/aarch64-linux-musl/usr", "headers_install"), c.argv());
    }

    @Test
    void noCommandRunsInsideASourceTree() {
        for (SourceToolchainPlan.Stage s : plan("i686-linux-musl").stages()) {
            for (SourceToolchainPlan.Command c : s.commands()) {
                assertFalse(c.directory().startsWith(SRC), s.id() + " runs in " + c.directory());
                assertTrue(c.directory().startsWith(WORK), s.id() + " runs in " + c.directory());
            }
        }
    }

    @Test
    void libgccIsBuiltStaticAfterMuslHeadersAndMuslIsReconfiguredAfterIt() {
        List<SourceToolchainPlan.Stage> stages = plan("x86_64-linux-musl").stages();
        SourceToolchainPlan.Stage muslHeaders = stages.get(3);
        assertEquals(List.of("make", "DESTDIR=" + PREFIX + "/x86_64-linux-musl", "install-headers"),
                muslHeaders.commands().get(1).argv());
        assertEquals(List.of("make", "-j2", "enable_shared=no", "all-target-libgcc"),
                stages.get(4).commands().get(0).argv());
        SourceToolchainPlan.Stage musl = stages.get(5);
        assertEquals(List.of("/src/musl-1.2.3/configure", "--target=x86_64-linux-musl", "--prefix=/usr",
                "--syslibdir=/lib", "CROSS_COMPILE=x86_64-linux-musl-"), musl.commands().get(0).argv());
        assertEquals(WORK.resolve("build-musl"), musl.commands().get(0).directory());
        assertEquals(WORK.resolve("build-musl-headers"), muslHeaders.commands().get(0).directory());
    }

    @Test
    void theEnvironmentPutsTheNewToolchainFirstAndIsFixed() {
        SourceToolchainPlan p = plan("x86_64-linux-musl");
        assertEquals(PREFIX + "/bin:/usr/bin:/bin", p.environment().get("PATH"));
        assertEquals("C", p.environment().get("LC_ALL"));
        assertEquals("UTC", p.environment().get("TZ"));
        assertEquals("true", p.environment().get("MAKEINFO"));
        assertFalse(p.environment().containsKey("CFLAGS"));
        for (SourceToolchainPlan.Stage s : p.stages()) {
            for (SourceToolchainPlan.Command c : s.commands()) {
                assertEquals(p.environment(), c.environment());
            }
        }
    }

    @Test
    void linuxArchFollowsTheTriple() {
        assertEquals("x86", plan("i686-linux-musl").linuxArch());
        assertEquals("arm64", plan("aarch64-linux-musl").linuxArch());
        assertEquals("x86_64", plan("x86_64-linux-musl").linuxArch());
    }
}
