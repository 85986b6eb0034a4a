package io.github.firmwaremaven.edk2;

import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.fetching.PreparedSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Edk2BuildTest {
    @TempDir
    Path dir;

    private Edk2Build build(String version, String arch, Toolchain tc, String tag) {
        return build(dir.resolve("edk2"), version, tc,
                new Edk2Platform("OvmfPkg/OvmfPkgX64.dsc", arch, "RELEASE", tag), dir.resolve("work"));
    }

    private static Edk2Build build(Path tree, String version, Toolchain tc, Edk2Platform platform, Path workDir) {
        return new Edk2Build(new Edk2Build.Spec(new BuildInputs(new PreparedSource("edk2", tree, "fp", version), tc,
                workDir, 2, List.of()), platform, List.of("FD_SIZE_2MB", "SECURE_BOOT_ENABLE=TRUE"), "gcc"));
    }

    private static Toolchain host() {
        return new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id");
    }

    private static Toolchain arm64() {
        return new Toolchain("target", "aarch64-linux-gnu", "aarch64-linux-gnu-", null, null, "id");
    }

    @Test
    void releasesBeforeStable202605UseGcc5AndLaterOnesGcc() throws Exception {
        assertEquals("GCC5", Edk2Build.tagFor("2022.11", null));
        assertEquals("GCC5", Edk2Build.tagFor("edk2-stable202602", null));
        assertEquals("GCC", Edk2Build.tagFor("edk2-stable202605", null));
        assertEquals("GCC", Edk2Build.tagFor("202611", null));
        assertNull(Edk2Build.release("main"));
    }

    @Test
    void withoutAVersionTheToolsDefTemplateDecides() throws Exception {
        Path old = Files.writeString(dir.resolve("old.template"), "*_GCC5_X64_CC_FLAGS = -m64\n");
        Path young = Files.writeString(dir.resolve("new.template"), "*_GCC_X64_CC_FLAGS = -m64\n");
        assertEquals("GCC5", Edk2Build.tagFor("main", old));
        assertEquals("GCC", Edk2Build.tagFor(null, young));
    }

    @Test
    void theBoardsTagWins() throws Exception {
        assertEquals("CLANGDWARF", build("2022.11", "X64", host(), "CLANGDWARF").toolchainTag());
    }

    @Test
    void buildCommandCarriesPlatformArchTagTargetAndDefines() {
        assertEquals(List.of("build", "-p", "OvmfPkg/OvmfPkgX64.dsc", "-a", "X64", "-t", "GCC5", "-b", "RELEASE",
                "-n", "2", "-D", "FD_SIZE_2MB", "-D", "SECURE_BOOT_ENABLE=TRUE"),
                build("2022.11", "X64", host(), null).buildCommand("GCC5"));
    }

    @Test
    void crossPrefixGoesIntoTheVariableOfTagAndArch() {
        assertEquals("GCC5_AARCH64_PREFIX", Edk2Build.prefixVariable("GCC5", "AARCH64"));
        assertEquals("GCC_AARCH64_PREFIX", Edk2Build.prefixVariable("GCC", "AARCH64"));
        var env = build("2022.11", "aarch64", arm64(), null).environment(dir.resolve("bt"), "GCC5");
        assertEquals("aarch64-linux-gnu-", env.get("GCC5_AARCH64_PREFIX"));
        assertEquals(dir.resolve("edk2").toString(), env.get("PACKAGES_PATH"));
        assertEquals(dir.resolve("work/workspace").toString(), env.get("WORKSPACE"));
        assertTrue(env.get("PATH").startsWith(dir.resolve("bt/BinWrappers/PosixLike").toString()));
    }

    @Test
    void hostCompilerNeedsNoPrefixVariable() {
        var env = build("2022.11", "X64", host(), null).environment(dir.resolve("bt"), "GCC5");
        assertNull(env.get("GCC5_BIN"));
    }

    @Test
    void stackProtectorIsTurnedOffForEveryArchitecture() {
        String t = "DEFINE GCC_ALL_CC_FLAGS            = -g -Os -fshort-wchar\nDEFINE GCC_IA32_CC_FLAGS = -m32\n";
        String out = Edk2Build.withoutStackProtector(t);
        assertTrue(out.contains("-fshort-wchar -fno-stack-protector\n"), out);
        assertTrue(out.contains("DEFINE GCC_IA32_CC_FLAGS = -m32\n"), out);
    }

    @Test
    void baseToolsSkipBrotliCompressWhoseSourcesTarballsLack() {
        assertTrue(!Edk2Build.C_TOOLS.contains("Brotli"));
        assertTrue(Edk2Build.C_TOOLS.contains("GenFw"));
    }

    @Test
    void theStableKeyDependsOnWhatIsBuiltNotWhere() {
        var here = build("2022.11", "X64", host(), null);
        var there = build(dir.resolve("other/edk2"), "2022.11", host(), Edk2Platform.of("OvmfPkg/OvmfPkgX64.dsc",
                "X64"), dir.resolve("other/work"));
        assertEquals(here.stableKey("GCC5"), there.stableKey("GCC5"));
        assertEquals(16, here.stableKey("GCC5").length());
        assertTrue(!here.stableKey("GCC5").equals(build("2022.11", "X64", host(), null).stableKey("GCC")));
        var debug = build(dir.resolve("edk2"), "2022.11", host(), Edk2Platform.of("OvmfPkg/OvmfPkgX64.dsc", "X64")
                .withBuildTarget("DEBUG"), dir.resolve("work"));
        assertTrue(!here.stableKey("GCC5").equals(debug.stableKey("GCC5")));
    }

    @Test
    void theBuildSeesTheStableLinksInItsEnvironment() {
        var env = build("2022.11", "X64", host(), null).environment(dir.resolve("bt"), "GCC5",
                Path.of("/tmp/firmware-edk2-k/ws"), Path.of("/tmp/firmware-edk2-k/src"));
        assertEquals("/tmp/firmware-edk2-k/ws", env.get("WORKSPACE"));
        assertEquals("/tmp/firmware-edk2-k/src", env.get("PACKAGES_PATH"));
        assertEquals("/tmp/firmware-edk2-k/ws/Conf", env.get("CONF_PATH"));
    }
}
