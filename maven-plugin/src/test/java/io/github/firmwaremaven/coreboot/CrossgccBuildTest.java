package io.github.firmwaremaven.coreboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full crossgcc run needs the exact tarballs coreboot pins, which this machine cannot fetch. */
class CrossgccBuildTest {
    @TempDir
    Path dir;

    /** A stand-in util/crossgcc: buildgcc as coreboot 4.15 pins it, a Makefile that records its call. */
    private Path tree() throws Exception {
        Path cg = Files.createDirectories(dir.resolve("coreboot/util/crossgcc"));
        Files.writeString(cg.resolve("buildgcc"), String.join("\n",
                "GMP_VERSION=6.2.1", "MPFR_VERSION=4.1.0", "MPC_VERSION=1.2.1", "GCC_VERSION=11.2.0",
                "BINUTILS_VERSION=2.37", "IASL_VERSION=20210331", "NASM_VERSION=2.15.05",
                "GMP_ARCHIVE=\"https://example.invalid/gmp/gmp-${GMP_VERSION}.tar.xz\"",
                "MPFR_ARCHIVE=\"https://example.invalid/mpfr/mpfr-${MPFR_VERSION}.tar.xz\"",
                "MPC_ARCHIVE=\"https://example.invalid/mpc/mpc-${MPC_VERSION}.tar.gz\"",
                "GCC_ARCHIVE=\"https://example.invalid/gcc/gcc-${GCC_VERSION}/gcc-${GCC_VERSION}.tar.xz\"",
                "BINUTILS_ARCHIVE=\"https://example.invalid/binutils/binutils-${BINUTILS_VERSION}.tar.xz\"",
                "IASL_ARCHIVE=\"https://example.invalid/acpica-unix2-${IASL_VERSION}.tar.gz\"",
                "NASM_ARCHIVE=\"https://example.invalid/${NASM_VERSION}/nasm-${NASM_VERSION}.tar.bz2\"", ""));
        Files.writeString(cg.resolve("Makefile"), String.join("\n",
                "build-i386 build_iasl:",
                "\tls tarballs > $(DEST).tarballs-seen; echo '$@ $(CPUS)' >> $(DEST).calls",
                "\tmkdir -p $(DEST)/bin", ""));
        return dir.resolve("coreboot");
    }

    private List<Path> tarballs(String... names) throws Exception {
        List<Path> result = new ArrayList<>();
        for (String n : names) {
            result.add(Files.writeString(Files.createDirectories(dir.resolve("dl")).resolve(n), n));
        }
        return result;
    }

    private static final String[] ALL = {"gmp-6.2.1.tar.xz", "mpfr-4.1.0.tar.xz", "mpc-1.2.1.tar.gz",
        "gcc-11.2.0.tar.xz", "binutils-2.37.tar.xz", "acpica-unix2-20210331.tar.gz", "nasm-2.15.05.tar.bz2"};

    @Test
    void pinnedArchiveNamesComeFromBuildgcc() throws Exception {
        Map<String, String> pinned = CrossgccBuild.pinnedArchives(tree().resolve("util/crossgcc/buildgcc"));
        assertEquals("gcc-11.2.0.tar.xz", pinned.get("GCC"));
        assertEquals("acpica-unix2-20210331.tar.gz", pinned.get("IASL"));
        assertEquals("nasm-2.15.05.tar.bz2", pinned.get("NASM"));
    }

    @Test
    void commandIsCorebootsCrossgccTargetInAPrivateCopy() throws Exception {
        CrossgccBuild b = new CrossgccBuild(new CrossgccBuild.Spec(tree(), "fp", "i386", List.of(), dir.resolve("w"),
                dir.resolve("xgcc"), 2));
        assertEquals(List.of("make", "-C", dir.resolve("w/crossgcc").toString(), "build-i386", "build_iasl",
                "CPUS=2", "DEST=" + dir.resolve("xgcc")), b.command());
    }

    @Test
    void aTarballOfAnotherVersionFailsNamingThePinnedOne() throws Exception {
        List<Path> t = tarballs("gmp-6.2.1.tar.xz", "mpfr-4.1.0.tar.xz", "mpc-1.2.1.tar.gz", "gcc-12.2.0.tar.xz",
                "binutils-2.37.tar.xz", "acpica-unix2-20210331.tar.gz", "nasm-2.15.05.tar.bz2");
        CrossgccBuild b = new CrossgccBuild(new CrossgccBuild.Spec(tree(), "fp", "i386", t, dir.resolve("w"),
                dir.resolve("xgcc"), 2));
        Exception e = assertThrows(Exception.class, b::checkTarballs);
        assertTrue(e.getMessage().contains("gcc-11.2.0.tar.xz"), e.getMessage());
    }

    @Test
    void tarballsArePlacedWhereBuildgccLooksAndTheSourceStaysUntouched() throws Exception {
        Path src = tree();
        CrossgccBuild b = new CrossgccBuild(new CrossgccBuild.Spec(src, "fp", "i386", tarballs(ALL), dir.resolve("w"),
                dir.resolve("xgcc"), 2));
        b.run(StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), new RecordingLog()));
        List<String> seen = Files.readAllLines(dir.resolve("xgcc.tarballs-seen"));
        assertTrue(seen.containsAll(List.of(ALL)), seen.toString());
        assertEquals(List.of("build-i386 2", "build_iasl 2"), Files.readAllLines(dir.resolve("xgcc.calls")));
        assertTrue(!Files.exists(src.resolve("util/crossgcc/tarballs")));
    }
}
