package io.github.firmwaremaven.coreboot;

import io.github.firmwaremaven.builds.BuildInputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.fetching.PreparedSource;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.testsupport.StandInTrees;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorebootBuildTest {
    @TempDir
    Path dir;

    private static Toolchain i686() {
        return new Toolchain("coreboot", "i686-linux-gnu", "i686-linux-gnu-", null, null, "id", false);
    }

    private CorebootBuild build(Path source, Path boardConfig, CorebootBuild.Payload payload) {
        return build(source, boardConfig, payload, i686());
    }

    private CorebootBuild build(Path source, Path boardConfig, CorebootBuild.Payload payload, Toolchain toolchain) {
        return new CorebootBuild(new CorebootBuild.Spec(new BuildInputs(
                new PreparedSource("coreboot", source, "fp", "4.15"), toolchain, dir.resolve("work"), 2, List.of()),
                boardConfig, payload, "board-1.0", true));
    }

    /**
     * A stand-in coreboot tree: olddefconfig drops unknown symbols like Kconfig does, "compiling"
     * is counted, the ROM is the config plus the payload, and cbfstool prints a layout.
     */
    private Path fakeTree() throws Exception {
        return StandInTrees.withMakefile(dir.resolve("coreboot"),
                "all:",
                "\ttest -f $(obj)/xcompile || { echo \"$$CROSS_COMPILE_x86\" > $(obj)/xcompile; echo made >> $(obj)/xcompiles; }",
                "\t@if grep -q BIG $(CONFIG_PAYLOAD_FILE); then echo 'E: Could not add [fallback/payload]: not enough space'; exit 1; fi",
                "\ttest $(obj)/compiled -nt $(DOTCONFIG) || echo compile >> $(obj)/compiles; touch $(obj)/compiled",
                "\techo repack >> $(obj)/repacks",
                "\tcat $(DOTCONFIG) $(CONFIG_PAYLOAD_FILE) > $(obj)/coreboot.rom",
                "\tmkdir -p $(obj)/util/cbfstool && printf '#!/bin/sh\\necho \"Name  Offset  Type\"\\necho \"fallback/payload  0x100  simple elf\"\\n' > $(obj)/util/cbfstool/cbfstool && chmod +x $(obj)/util/cbfstool/cbfstool",
                "olddefconfig:",
                "\tgrep -v NO_SUCH $(DOTCONFIG) > $(DOTCONFIG).new; mv $(DOTCONFIG).new $(DOTCONFIG)");
    }

    private StepMachine machine() throws Exception {
        return StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), new RecordingLog());
    }

    @Test
    void makeBuildsOutsideTheSourceTimelessWithOurVersion() {
        CorebootBuild b = build(dir.resolve("coreboot"), dir.resolve("board.config"), null);
        List<String> make = b.make();
        assertEquals(List.of("make", "-C", dir.resolve("coreboot").toString(), "obj=" + dir.resolve("work/build"),
                "DOTCONFIG=" + dir.resolve("work/build/.config"), "CONFIG_WARNINGS_ARE_ERRORS=", "BUILD_TIMELESS=1",
                "KERNELVERSION=4.15"), make);
        assertEquals("i686-linux-gnu-", b.environment().get("CROSS_COMPILE_x86"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            i686,    x86
            x86_64,  x64
            aarch64, arm64
            riscv64, riscv
            """)
    void crossCompileVariableUsesXcompilesArchitectureNames(String arch, String xcompileArch) {
        assertEquals(xcompileArch, CorebootBuild.crossArch(arch));
    }

    @Test
    void goalFillsInLinuxPayloadAtStagedPathsAndTheCommandLine() {
        CorebootBuild b = build(dir.resolve("coreboot"), dir.resolve("board.config"),
                CorebootBuild.Payload.linux(dir.resolve("bzImage"), dir.resolve("initrd"), "console=ttyS0 x=\"y\""));
        String f = b.goalFragmentText();
        assertTrue(f.contains("CONFIG_ANY_TOOLCHAIN=y\n"), f);
        assertTrue(f.contains("CONFIG_PAYLOAD_LINUX=y\n"), f);
        // Names without a place: the config goes into the ROM, which must not depend on the directory.
        assertTrue(f.contains("CONFIG_PAYLOAD_FILE=\"payload/kernel\"\n"), f);
        assertTrue(f.contains("CONFIG_LINUX_INITRD=\"payload/initrd\"\n"), f);
        assertTrue(!f.contains(dir.toString()), f);
        assertEquals(List.of("CONFIG_PAYLOAD_FILE=" + dir.resolve("work/payload/kernel"),
                "CONFIG_LINUX_INITRD=" + dir.resolve("work/payload/initrd")), b.payloadPaths());
        assertTrue(f.contains("CONFIG_LINUX_COMMAND_LINE=\"console=ttyS0 x=\\\"y\\\"\"\n"), f);
        assertTrue(f.contains("CONFIG_LOCALVERSION=\"board-1.0\"\n"), f);
    }

    @Test
    void elfPayloadIsDeclaredAsSuch() {
        String f = build(dir.resolve("coreboot"), dir.resolve("board.config"),
                CorebootBuild.Payload.elf(dir.resolve("payload.elf"))).goalFragmentText();
        assertTrue(f.contains("CONFIG_PAYLOAD_ELF=y\n"), f);
    }

    @Test
    void mainboardThatDoesNotExistFailsNamingTheSymbol() throws Exception {
        Path src = fakeTree();
        Path board = Files.writeString(dir.resolve("board.config"),
                "CONFIG_VENDOR_EMULATION=y\nCONFIG_BOARD_NO_SUCH_BOARD=y\n");
        Files.writeString(dir.resolve("bzImage"), "kernel");
        Exception e = assertThrows(Exception.class, () -> build(src, board,
                CorebootBuild.Payload.linux(dir.resolve("bzImage"), null, "console=ttyS0")).run(machine()));
        assertTrue(e.getMessage().contains("CONFIG_BOARD_NO_SUCH_BOARD"), e.getMessage());
        assertTrue(e.getMessage().contains(board + ":2"), e.getMessage());
    }

    @Test
    void newPayloadOnlyRepacksWhileNewConfigRecompiles() throws Exception {
        Path src = fakeTree();
        Path board = Files.writeString(dir.resolve("board.config"), "CONFIG_VENDOR_EMULATION=y\n");
        Path kernel = Files.writeString(dir.resolve("bzImage"), "kernel-1");
        CorebootBuild.Payload payload = CorebootBuild.Payload.linux(kernel, null, "console=ttyS0");
        CorebootBuild b = build(src, board, payload);
        b.run(machine());
        assertTrue(Files.readString(b.rom()).endsWith("kernel-1"));
        assertTrue(Files.readString(b.layout()).contains("fallback/payload"));
        assertTrue(Files.readString(b.layout()).startsWith("Name"), Files.readString(b.layout()));

        // Same inputs: nothing runs.
        StepResult again = build(src, board, payload).run(machine());
        assertEquals(StepResult.Outcome.UP_TO_DATE, again.outcome());

        // New kernel: the config stays, make only repacks.
        Files.writeString(kernel, "kernel-2");
        build(src, board, payload).run(machine());
        assertTrue(Files.readString(b.rom()).endsWith("kernel-2"));
        assertEquals(1, Files.readAllLines(dir.resolve("work/build/compiles")).size());
        assertEquals(2, Files.readAllLines(dir.resolve("work/build/repacks")).size());

        // New board config: configured again and recompiled.
        Thread.sleep(1100);
        Files.writeString(board, "CONFIG_VENDOR_EMULATION=y\nCONFIG_CONSOLE_SERIAL=y\n");
        build(src, board, payload).run(machine());
        assertEquals(2, Files.readAllLines(dir.resolve("work/build/compiles")).size());
        assertTrue(Files.readString(b.finalConfig()).contains("CONFIG_CONSOLE_SERIAL=y"));
    }

    @Test
    void anotherToolchainConfiguresAgainAndMakesXcompileChooseAgain() throws Exception {
        Path src = fakeTree();
        Path board = Files.writeString(dir.resolve("board.config"), "CONFIG_VENDOR_EMULATION=y\n");
        Path kernel = Files.writeString(dir.resolve("bzImage"), "kernel-1");
        CorebootBuild.Payload payload = CorebootBuild.Payload.linux(kernel, null, "console=ttyS0");
        Path xcompiles = dir.resolve("work/build/xcompiles");
        RecordingLog log = new RecordingLog();
        StepMachine machine = StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), log);
        build(src, board, payload).run(machine);
        assertEquals(1, Files.readAllLines(xcompiles).size());

        // A new kernel keeps xcompile's choice: the toolchain is the same.
        Files.writeString(kernel, "kernel-2");
        build(src, board, payload).run(machine);
        assertTrue(log.contains("coreboot-config: up to date"), log.text());
        assertEquals(1, Files.readAllLines(xcompiles).size());

        // Another compiler (same prefix, other binaries): the config step runs, and xcompile chooses again.
        Toolchain rebuilt = new Toolchain("coreboot", "i686-linux-gnu", "i686-linux-gnu-", null, null, "id-2", false);
        build(src, board, payload, rebuilt).run(machine);
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("coreboot-config: running (changed: ")
                && l.contains("toolchain:coreboot")), log.text());
        assertEquals(2, Files.readAllLines(xcompiles).size());
        assertEquals("i686-linux-gnu-", Files.readString(dir.resolve("work/build/xcompile")).trim());
        assertTrue(Files.notExists(dir.resolve("work/build/xcompile.toolchain")), "no marker of its own");
    }

    @Test
    void payloadTooBigKeepsCorebootsMessageAndNamesTheRomSizeOption() throws Exception {
        Path src = fakeTree();
        Path board = Files.writeString(dir.resolve("board.config"), "CONFIG_VENDOR_EMULATION=y\n");
        Path kernel = Files.writeString(dir.resolve("bzImage"), "BIG kernel");
        Exception e = assertThrows(Exception.class, () -> build(src, board,
                CorebootBuild.Payload.linux(kernel, null, "console=ttyS0")).run(machine()));
        assertTrue(e.getMessage().contains("not enough space"), e.getMessage());
        assertTrue(e.getMessage().contains("CONFIG_COREBOOT_ROMSIZE_KB_"), e.getMessage());
    }
}
