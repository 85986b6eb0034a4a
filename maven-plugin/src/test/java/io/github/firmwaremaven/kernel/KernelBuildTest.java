package io.github.firmwaremaven.kernel;

import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.fetching.PreparedSource;
import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.kconfig.KconfigStep;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.testsupport.StandInTrees;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelBuildTest {
    /** bzImage's recipe in the stand-in tree when the build works. */
    private static final String MAKES_AN_IMAGE =
            "\tmkdir -p $(O)/arch/x86/boot && echo image > $(O)/arch/x86/boot/bzImage";

    @TempDir
    Path dir;

    private KernelBuild build(Toolchain tc, Path source, List<Path> fragments) {
        return new KernelBuild(new KernelBuild.Spec(new BuildInputs(new PreparedSource("linux", source, "fp", "test"),
                tc, dir.resolve("work"), 2, List.of("LOCALVERSION=-board")), "tinyconfig", null, fragments, null, true));
    }

    private static Toolchain host() {
        return new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id");
    }

    private static Toolchain arm64() {
        return new Toolchain("target", "aarch64-linux-gnu", "aarch64-linux-gnu-", null, null, "id");
    }

    @Test
    void makeIsAlwaysOutOfTreeWithArchAndCrossCompile() {
        KernelBuild k = build(arm64(), dir.resolve("linux"), List.of());
        assertEquals(List.of("make", "-C", dir.resolve("linux").toString(), "O=" + dir.resolve("work/obj"),
                "ARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-", "LOCALVERSION=-board"), k.make());
        assertEquals("Image", k.imageTarget());
        assertEquals(dir.resolve("work/obj/arch/arm64/boot/Image"), k.builtImage());
    }

    @Test
    void hostToolchainBuildsBzImageWithoutCrossCompile() {
        KernelBuild k = build(host(), dir.resolve("linux"), List.of());
        assertFalse(k.make().stream().anyMatch(a -> a.startsWith("CROSS_COMPILE")));
        assertTrue(k.make().contains("ARCH=x86_64"));
        assertEquals(dir.resolve("work/obj/arch/x86/boot/bzImage"), k.builtImage());
    }

    @Test
    void fingerprintsLeaveOutWhereTheBuildRuns() {
        List<String> a = KconfigStep.placeless(build(host(), dir.resolve("a/linux"), List.of()).make());
        List<String> b = KconfigStep.placeless(new KernelBuild(new KernelBuild.Spec(new BuildInputs(
                new PreparedSource("linux", dir.resolve("b/linux"), "fp", null), host(), dir.resolve("elsewhere"), 2,
                List.of("LOCALVERSION=-board")), "tinyconfig", null, null, null, true)).make());
        assertEquals(a, b);
    }

    /**
     * The host build of a stand-in kernel tree, whose Makefile behaves like kbuild's config targets
     * and makes bzImage with {@code buildRecipe}, with the board fragment {@link #fragment()}.
     */
    private KernelBuild fakeTreeBuild(String buildRecipe, String fragmentText) throws Exception {
        Path src = StandInTrees.withMakefile(dir.resolve("linux"),
                "tinyconfig:",
                "\tprintf 'CONFIG_PRINTK=n\\nCONFIG_64BIT=y\\n' > $(O)/.config",
                "olddefconfig:",
                // The real resolver drops what it does not know; this one drops CONFIG_NO_SUCH_SYMBOL.
                "\tgrep -v NO_SUCH $(O)/.config > $(O)/.config.new; mv $(O)/.config.new $(O)/.config",
                "bzImage:",
                buildRecipe);
        return build(host(), src, List.of(Files.writeString(fragment(), fragmentText)));
    }

    private Path fragment() {
        return dir.resolve("board.config");
    }

    private StepMachine machine() throws Exception {
        return StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), new RecordingLog());
    }

    @Test
    void fragmentSymbolThatDidNotSurviveFailsNamingSymbolFileAndLine() throws Exception {
        KernelBuild k = fakeTreeBuild(MAKES_AN_IMAGE, "CONFIG_PRINTK=y\nCONFIG_NO_SUCH_SYMBOL=y\n");
        Exception e = assertThrows(Exception.class, () -> k.run(machine()));
        assertContainsAll(e.getMessage(), "NO_SUCH_SYMBOL", fragment() + ":2");
    }

    @Test
    void buildPublishesImageAndFinalConfig() throws Exception {
        KernelBuild k = fakeTreeBuild(MAKES_AN_IMAGE, "CONFIG_PRINTK=y\n");
        k.run(machine());
        assertEquals("image\n", Files.readString(k.image()));
        assertTrue(Files.readString(k.finalConfig()).contains("CONFIG_PRINTK=y"));
    }

    @Test
    void makeErrorShowsTheLastLinesOfTheLog() throws Exception {
        KernelBuild k = fakeTreeBuild("\t@echo 'drivers/tty/serial/8250.c:12: error: expected ; before }'; exit 2",
                "CONFIG_PRINTK=y\n");
        Exception e = assertThrows(Exception.class, () -> k.run(machine()));
        assertContainsAll(e.getMessage(), "8250.c:12: error", "kernel-build.log");
    }
}
