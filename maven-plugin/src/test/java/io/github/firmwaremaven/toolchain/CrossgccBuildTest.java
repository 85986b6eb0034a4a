package io.github.firmwaremaven.toolchain;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsNone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.testsupport.StandInTrees;
import io.github.firmwaremaven.testsupport.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * coreboot's crossgcc as a toolchain mode. The full run (buildgcc compiling gcc 11.2 and friends)
 * needs the exact tarballs coreboot 4.15 pins, which this machine cannot fetch; it is not run here.
 * buildgcc's pins are read from the real coreboot 4.15 tarball; the build itself is a stand-in make.
 */
class CrossgccBuildTest {
    @TempDir
    Path dir;

    /** The board's sources, like fetch-sources' registry: trees under {@link #dir}, coreboot 4.15. */
    FakeSourceTrees trees;

    private static final Map<String, String> PINNED = new LinkedHashMap<>();

    static {
        PINNED.put("gmp", "gmp-6.2.1.tar.xz");
        PINNED.put("mpfr", "mpfr-4.1.0.tar.xz");
        PINNED.put("mpc", "mpc-1.2.1.tar.gz");
        PINNED.put("binutils", "binutils-2.37.tar.xz");
        PINNED.put("gcc", "gcc-11.2.0.tar.xz");
        PINNED.put("iasl", "acpica-unix2-20210331.tar.gz");
        PINNED.put("nasm", "nasm-2.15.05.tar.bz2");
    }

    @BeforeEach
    void sources() {
        trees = new FakeSourceTrees(dir, "4.15");
    }

    /**
     * A coreboot source whose util/crossgcc is coreboot 4.15's own (buildgcc, sum/, patches/) with a
     * stand-in Makefile: it records its call and environment, lists tarballs/, and installs a
     * "compiler" that answers -dumpmachine with i386-elf and otherwise is the host gcc.
     */
    private Path coreboot() throws Exception {
        Path real = TestMirror.corebootExcerpt().resolve("util/crossgcc");
        Path cg = StandInTrees.withMakefile(dir.resolve("coreboot/util/crossgcc"),
                "build-i386 build_iasl:",
                "\tls tarballs > " + dir.resolve("tarballs-seen"),
                "\techo '$@ CPUS=$(CPUS) $(BUILDGCC_OPTIONS) CROSSGCC_VERSION='$$CROSSGCC_VERSION >> " + dir.resolve("calls"),
                "\tmkdir -p $(DEST)/bin",
                "\tprintf '#!/bin/sh\\nfor a; do [ \"$$a\" = -dumpmachine ] && { echo i386-elf; exit 0; }; done\\n"
                        + "exec gcc \"$$@\"\\n' > $(DEST)/bin/i386-elf-gcc",
                "\tchmod +x $(DEST)/bin/i386-elf-gcc",
                ".NOTPARALLEL:");
        Files.copy(real.resolve("buildgcc"), cg.resolve("buildgcc"));
        TestMirror.sh(dir, "cp -r '" + real.resolve("sum") + "' '" + cg.resolve("sum") + "'");
        trees.fingerprints.put("coreboot", "coreboot-4.15-fp");
        return dir.resolve("coreboot");
    }

    /** Declares a source per name whose file holds {@code content}. */
    private void tarball(String source, String fileName, String content) throws Exception {
        Path f = Files.writeString(Files.createDirectories(dir.resolve("downloads")).resolve(fileName), content);
        trees.files.put(source, f);
        trees.fingerprints.put(source, "fp-" + content);
    }

    private static CrossgccBuild.Request request(Map<String, String> tarballs) {
        return new CrossgccBuild.Request("x86", "coreboot", "i386", tarballs);
    }

    private static Map<String, String> allByName() {
        Map<String, String> m = new LinkedHashMap<>();
        PINNED.keySet().forEach(s -> m.put(s.toUpperCase(), s));
        return m;
    }

    @Test
    void pinnedNamesAndVersionsComeFromCoreboot415sBuildgcc() throws Exception {
        Path buildgcc = TestMirror.corebootExcerpt().resolve("util/crossgcc/buildgcc");
        Map<String, String> pinned = CrossgccBuild.pinnedArchives(buildgcc);
        for (Map.Entry<String, String> e : PINNED.entrySet()) {
            assertEquals(e.getValue(), pinned.get(e.getKey().toUpperCase()), e.getKey());
        }
        assertEquals("https://ftpmirror.gnu.org/gcc/gcc-11.2.0/gcc-11.2.0.tar.xz",
                CrossgccBuild.pinnedUrls(buildgcc).get("GCC"));
        assertEquals("https://cmake.org/files/v3.20/cmake-3.20.3.tar.gz", CrossgccBuild.pinnedUrls(buildgcc).get("CMAKE"));
        assertEquals("11.2.0", CrossgccBuild.pinnedVersions(buildgcc).get("GCC_VERSION"));
        // Every pinned tarball crossgcc-i386 needs has a checksum in coreboot's sum/.
        for (String name : PINNED.values()) {
            assertTrue(Files.isRegularFile(buildgcc.resolveSibling("sum").resolve(name + ".cksum")), name);
        }
    }

    @Test
    void commandAndEnvironmentAreCorebootsCrossgccTargetInThePrivateCopy() throws Exception {
        assertEquals(List.of("make", "-C", dir.resolve("w/crossgcc").toString(), "build-i386", "build_iasl",
                "CPUS=2", "DEST=" + dir.resolve("w/prefix"), "BUILDGCC_OPTIONS=--nocolor"),
                CrossgccBuild.command("i386", dir.resolve("w/crossgcc"), dir.resolve("w/prefix"), 2));
        Map<String, String> env = CrossgccBuild.environment("4.15", "/opt/bin:/usr/bin");
        assertEquals("coreboot-4.15", env.get("CROSSGCC_VERSION"));
        assertEquals("/opt/bin:/usr/bin", env.get("PATH"));
        assertEquals("C", env.get("LC_ALL"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            i386,    i386-elf
            x64,     x86_64-elf
            aarch64, aarch64-elf
            """)
    void eachCrossgccArchitectureBuildsItsElfTriple(String arch, String triple) throws Exception {
        assertEquals(triple, CrossgccArchitectures.triple(arch));
    }

    @Test
    void anArchitectureCrossgccLacksIsRefusedNamingTheOnesItHas() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> CrossgccArchitectures.triple("i686"));
        assertTrue(e.getMessage().contains("i386, nds32le, ppc64, riscv, x64"), e.getMessage());
    }

    @Test
    void tarballEntriesAreSourceNamesOrPackageEqualsSource() throws Exception {
        assertEquals(Map.of("GMP", "gmp", "GCC", "coreboot-gcc", "NASM", "nasm"),
                CrossgccBuild.parseTarballs(List.of("gmp, GCC=coreboot-gcc", "nasm")));
        assertThrows(FirmwareException.class, () -> CrossgccBuild.parseTarballs(List.of("gmp", "GMP=other")));
        assertThrows(FirmwareException.class, () -> CrossgccBuild.parseTarballs(List.of("GCC=")));
    }

    @Test
    void missingTarballsFailTogetherNamingTheFileAndVersionBuildgccWants() throws Exception {
        Path cb = coreboot();
        tarball("gmp", "gmp-6.2.1.tar.xz", "gmp");
        tarball("binutils", "binutils_2.40.orig.tar.xz", "binutils");
        FirmwareException e = assertThrows(FirmwareException.class, () -> CrossgccBuild.tarballs(
                request(Map.of("GMP", "gmp", "BINUTILS", "binutils")), cb, trees));
        String m = e.getMessage();
        assertContainsAll(m,
                "GCC: gcc-11.2.0.tar.xz (buildgcc pins GCC_VERSION=11.2.0) from "
                        + "https://ftpmirror.gnu.org/gcc/gcc-11.2.0/gcc-11.2.0.tar.xz",
                "MPFR: mpfr-4.1.0.tar.xz (buildgcc pins MPFR_VERSION=4.1.0)",
                "MPC: mpc-1.2.1.tar.gz",
                "IASL: acpica-unix2-20210331.tar.gz (buildgcc pins IASL_VERSION=20210331)",
                "NASM: nasm-2.15.05.tar.bz2 (buildgcc pins NASM_VERSION=2.15.05)");
        assertContainsNone(m, "GMP:", "BINUTILS:");

        FirmwareException unknown = assertThrows(FirmwareException.class, () -> CrossgccBuild.tarballs(
                request(Map.of("GLIBC", "gmp")), cb, trees));
        assertTrue(unknown.getMessage().contains("names package GLIBC"), unknown.getMessage());
    }

    @Test
    void tarballsArePlacedUnderBuildgccsNamesAndAWrongVersionFailsOnItsChecksum() throws Exception {
        Path cb = coreboot();
        for (Map.Entry<String, String> e : PINNED.entrySet()) {
            // Declared under another file name (a mirror's), placed under buildgcc's.
            tarball(e.getKey(), "mirror-" + e.getValue(), e.getKey());
        }
        List<CrossgccBuild.Tarball> t = CrossgccBuild.tarballs(request(allByName()), cb, trees);
        assertEquals(List.of("GMP", "MPFR", "MPC", "BINUTILS", "GCC", "IASL", "NASM"),
                t.stream().map(CrossgccBuild.Tarball::pkg).toList());
        Path copy = dir.resolve("w/crossgcc");
        CrossgccBuild.copyCrossgcc(cb, copy);
        CrossgccBuild.place(t, copy);
        for (Map.Entry<String, String> e : PINNED.entrySet()) {
            Path placed = copy.resolve("tarballs").resolve(e.getValue());
            assertEquals(e.getKey(), Files.readString(placed));
            assertTrue(Files.isSameFile(placed, trees.files.get(e.getKey())), "hard-linked, not copied: " + placed);
        }
        assertTrue(Files.notExists(cb.resolve("util/crossgcc/tarballs")), "the shared tree stays untouched");

        FirmwareException e = assertThrows(FirmwareException.class,
                () -> CrossgccBuild.checkSums(t, copy, CrossgccBuild.pinnedVersions(copy.resolve("buildgcc"))));
        assertTrue(e.getMessage().contains("GCC from source 'gcc' (mirror-gcc-11.2.0.tar.xz): sha1 "
                + CrossgccBuild.sha1(trees.files.get("gcc"))
                + ", but buildgcc wants gcc-11.2.0.tar.xz (version 11.2.0) "
                + "with sha1 f902ccacecf8949978d6261e9f1d034cff73ffdb"), e.getMessage());
    }

    @Test
    void theFingerprintFollowsEveryTarballButNotTheJobCount() throws Exception {
        Path cb = coreboot();
        for (Map.Entry<String, String> e : PINNED.entrySet()) {
            tarball(e.getKey(), e.getValue(), e.getKey());
        }
        List<CrossgccBuild.Tarball> t = CrossgccBuild.tarballs(request(allByName()), cb, trees);
        String before = CrossgccBuild.fingerprint(request(allByName()), t, trees, "gcc 12").digest();
        assertEquals(before, CrossgccBuild.fingerprint(request(allByName()), t, trees, "gcc 12").digest());
        trees.fingerprints.put("mpc", "another mpc");
        String mpcChanged = CrossgccBuild.fingerprint(request(allByName()), t, trees, "gcc 12").digest();
        assertNotEquals(before, mpcChanged);
        trees.fingerprints.put("mpc", "fp-mpc");
        assertNotEquals(before, CrossgccBuild.fingerprint(request(allByName()), t, trees, "gcc 13").digest());
        trees.fingerprints.put("coreboot", "coreboot-4.16");
        assertNotEquals(before, CrossgccBuild.fingerprint(request(allByName()), t, trees, "gcc 12").digest());
    }

    @Test
    void aCrossgccToolchainIsBuiltOnceCachedValidatedAndPublished() throws Exception {
        Path cb = coreboot();
        // Right names, but the stand-in contents: skip buildgcc's sums for this run of the stand-in make.
        TestMirror.sh(dir, "rm -r '" + cb.resolve("util/crossgcc/sum") + "'");
        for (Map.Entry<String, String> e : PINNED.entrySet()) {
            tarball(e.getKey(), e.getValue(), e.getKey());
        }
        Path area = dir.resolve("board/firmware");
        ToolchainResolver resolver = new ToolchainResolver(new ToolchainResolver.Context(area,
                io.github.firmwaremaven.steps.StepMachine.forBuildArea(area, BuildTimestamp.of(1_767_225_600L),
                BuildLog.SILENT).sharingThrough(new BuildCache(dir.resolve("cache")), io.github.firmwaremaven.steps.Manifest.Check.CHEAP),
                dir.resolve("work"), System.getenv("PATH"), BuildLog.SILENT), trees);
        ToolchainSpec spec = ToolchainSpec.crossgcc("x86", null, request(allByName()));
        assertEquals(ToolchainSpec.Mode.CROSSGCC, spec.mode());
        Toolchain tc = resolver.resolveAll(List.of(spec)).get(0);
        assertEquals("i386-elf", tc.triple());
        assertEquals("i386-elf-", tc.prefix());
        assertTrue(tc.binDir().startsWith(dir.resolve("cache/toolchain")), tc.binDir().toString());
        assertEquals("i386-elf", ToolchainArchive.readMetadata(tc.binDir().getParent(), "t").getProperty("triple"));

        Path prefixInWork = dir.resolve("work/toolchain").resolve(tc.binDir().getParent().getFileName());
        assertTrue(Files.notExists(prefixInWork), "the work area goes after success");
        Path calls = dir.resolve("calls");
        assertEquals(List.of("build-i386 CPUS=" + Runtime.getRuntime().availableProcessors()
                + " --nocolor CROSSGCC_VERSION=coreboot-4.15", "build_iasl CPUS="
                + Runtime.getRuntime().availableProcessors() + " --nocolor CROSSGCC_VERSION=coreboot-4.15"),
                Files.readAllLines(calls));
        List<String> seen = Files.readAllLines(dir.resolve("tarballs-seen"));
        assertTrue(seen.containsAll(PINNED.values()), seen.toString());
        assertTrue(Files.exists(area.resolve("logs/toolchain-x86-crossgcc.log")));

        Output archive = new OutputRegistry(area).outputs().stream().filter(o -> o.kind() == ArtifactKind.TOOLCHAIN)
                .findFirst().orElseThrow();
        assertEquals("toolchain-" + ToolchainResolver.hostArch() + "-i386-elf", archive.classifier());
        assertTrue(Files.size(archive.file()) > 0);

        // The second resolution is a cache hit: make does not run again.
        resolver.resolveAll(List.of(spec));
        assertEquals(2, Files.readAllLines(calls).size());
    }
}
