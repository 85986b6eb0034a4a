package io.github.firmwaremaven.coreboot;

import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.fetching.PreparedSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.kconfig.ConfigEdit;
import io.github.firmwaremaven.kconfig.ConfigFile;
import io.github.firmwaremaven.kconfig.FragmentUpdate;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.testsupport.TestMirror;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * menuconfig / update-config for coreboot. The interactive menuconfig is not run; its edit is made
 * to the .config directly, then the write-back runs coreboot 4.15's real kconfig (olddefconfig,
 * savedefconfig) on the Debian source tarball's Kconfig files.
 */
class CorebootConfigEditTest {
    @TempDir
    Path dir;

    private static final String BOARD = String.join("\n",
            "# coreboot for QEMU's i440fx machine.",
            "CONFIG_VENDOR_EMULATION=y",
            "CONFIG_BOARD_EMULATION_QEMU_X86_I440FX=y",
            "# The default ROM is too small for a 1 MB kernel plus initramfs.",
            "CONFIG_COREBOOT_ROMSIZE_KB_4096=y", "");

    private CorebootBuild build(Path source, Path boardConfig) {
        Toolchain i686 = new Toolchain("coreboot", "i686-linux-gnu", "i686-linux-gnu-", null, null, "id", false);
        return new CorebootBuild(new CorebootBuild.Spec(BuildInputs.of(
                new PreparedSource("coreboot", source, "fp", "4.15"), i686, dir.resolve("work")), boardConfig,
                CorebootBuild.Payload.linux(dir.resolve("bzImage"), dir.resolve("initrd"), "console=ttyS0"),
                "board-1.0", true));
    }

    @Test
    void savedefconfigWritesIntoTheWorkAreaAndPayloadChoiceIsTheGoals() throws Exception {
        Path src = Files.createDirectories(dir.resolve("coreboot/payloads/external/SeaBIOS"));
        Files.writeString(dir.resolve("coreboot/payloads/Kconfig"), "menu \"Payload\"\nconfig NO_DEFAULT_PAYLOAD\n"
                + "\tbool\nchoice\n\tprompt \"Add a payload\"\nconfig PAYLOAD_NONE\n\tbool \"None\"\n"
                + "config PAYLOAD_ELF\n\tbool \"ELF\"\nsource \"payloads/external/*/Kconfig.name\"\nendchoice\n"
                + "config PAYLOAD_FILE\n\tstring\n");
        Files.writeString(src.resolve("Kconfig.name"), "config PAYLOAD_SEABIOS\n\tbool \"SeaBIOS\"\n");
        CorebootBuild b = build(dir.resolve("coreboot"), dir.resolve("board.config"));
        ConfigEdit.Target t = b.configTarget(dir.resolve("board.config"));
        Path obj = dir.resolve("work/build");
        assertEquals(obj, t.objDir());
        assertEquals(dir.resolve("board.config"), t.fragment());
        List<String> save = new ArrayList<>(b.make());
        save.add("DEFCONFIG=" + obj.resolve("defconfig"));
        save.add("savedefconfig");
        assertEquals(save, ConfigEdit.savedefconfigCommand(t));
        List<String> menu = new ArrayList<>(b.make());
        menu.add("menuconfig");
        assertEquals(menu, ConfigEdit.menuconfigCommand(t));
        assertEquals("i686-linux-gnu-", t.env().get("CROSS_COMPILE_x86"));
        // The goal's own symbols and every payload choice member; NO_DEFAULT_PAYLOAD is outside the choice.
        assertTrue(t.goalOwned().keySet().containsAll(List.of("ANY_TOOLCHAIN", "LOCALVERSION", "PAYLOAD_LINUX",
                "PAYLOAD_FILE", "LINUX_INITRD", "LINUX_COMMAND_LINE", "PAYLOAD_NONE", "PAYLOAD_ELF", "PAYLOAD_SEABIOS")),
                t.goalOwned().toString());
        assertFalse(t.goalOwned().containsKey("NO_DEFAULT_PAYLOAD"));
        assertEquals("<coreboot><commandLine>", t.goalOwned().get("LINUX_COMMAND_LINE"));
    }

    @Test
    void anEditIsWrittenBackIntoTheBoardsConfigWithCorebootsOwnSavedefconfig() throws Exception {
        Path src = TestMirror.corebootExcerpt();
        Path board = Files.writeString(dir.resolve("qemu-i440fx.config"), BOARD);
        CorebootBuild b = build(src, board);
        StepMachine machine = StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), new RecordingLog());
        b.configure(machine);
        ConfigEdit.Target t = b.configTarget(board);
        ConfigEdit.recordBaseline(t);

        // What the user does in menuconfig: an 8 MB ROM, POST codes on, and another command line.
        Path config = t.objDir().resolve(".config");
        String edited = Files.readString(config, StandardCharsets.ISO_8859_1)
                .replace("CONFIG_COREBOOT_ROMSIZE_KB_4096=y", "# CONFIG_COREBOOT_ROMSIZE_KB_4096 is not set")
                .replace("# CONFIG_COREBOOT_ROMSIZE_KB_8192 is not set", "CONFIG_COREBOOT_ROMSIZE_KB_8192=y")
                .replace("CONFIG_LINUX_COMMAND_LINE=\"console=ttyS0\"", "CONFIG_LINUX_COMMAND_LINE=\"quiet\"");
        assertTrue(edited.contains("CONFIG_LINUX_COMMAND_LINE=\"quiet\""), "the goal's command line is in .config");
        Files.writeString(config, edited, StandardCharsets.ISO_8859_1);
        List<String> olddefconfig = new ArrayList<>(b.make());
        olddefconfig.add("olddefconfig");
        TestMirror.sh(t.objDir(), String.join(" ", olddefconfig.stream().map(a -> "'" + a + "'").toList())
                + " > olddefconfig.log 2>&1");

        ConfigEdit.Update update = ConfigEdit.update(t);
        assertEquals(List.of("# CONFIG_COREBOOT_ROMSIZE_KB_4096 is not set", "CONFIG_COREBOOT_ROMSIZE_KB_8192=y"),
                update.written().stream().map(c -> c.line("CONFIG_")).toList());
        assertEquals(List.of("LINUX_COMMAND_LINE"), update.goalOwned().stream().map(FragmentUpdate.Change::symbol)
                .toList());
        String text = Files.readString(board);
        assertTrue(text.startsWith("# coreboot for QEMU's i440fx machine.\nCONFIG_VENDOR_EMULATION=y\n"), text);
        assertTrue(text.contains("# CONFIG_COREBOOT_ROMSIZE_KB_4096 is not set\nCONFIG_COREBOOT_ROMSIZE_KB_8192=y\n"),
                text);
        assertFalse(text.contains("COMMAND_LINE") || text.contains("PAYLOAD"), text);
        // coreboot's savedefconfig would otherwise have written defconfig into the shared source tree.
        assertFalse(Files.exists(src.resolve("defconfig")));
        assertTrue(Files.isRegularFile(t.objDir().resolve("defconfig")));

        // The next build takes the board's new config, checked as always.
        b.configure(machine);
        String rebuilt = Files.readString(config, StandardCharsets.ISO_8859_1);
        assertTrue(rebuilt.contains("CONFIG_COREBOOT_ROMSIZE_KB=8192\n"), rebuilt);
        assertTrue(rebuilt.contains("CONFIG_LINUX_COMMAND_LINE=\"console=ttyS0\"\n"), rebuilt);
        // Reconfiguring recomputes defaults (CBFS_SIZE follows the ROM size); those are no edits.
        assertFalse(Files.exists(t.objDir().resolve(ConfigEdit.BASELINE)));
        assertTrue(ConfigEdit.update(t).written().isEmpty(), "nothing left to write back");
    }
}
