package io.github.firmwaremaven.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMergeTest {
    @TempDir
    Path dir;

    private static ConfigFile cfg(String source, String text) throws FirmwareException {
        return ConfigFile.parse(text, source, "CONFIG_");
    }

    @Test
    void laterFragmentsWinAndBaseKeepsItsOrder() throws Exception {
        ConfigFile base = cfg("tinyconfig", "# CONFIG_PRINTK is not set\nCONFIG_CC_OPTIMIZE_FOR_SIZE=y\n# CONFIG_TTY is not set\n");
        ConfigFile board = cfg("board.config", "CONFIG_PRINTK=y\nCONFIG_TTY=y\nCONFIG_CMDLINE=\"a\"\n");
        ConfigFile debug = cfg("debug.config", "CONFIG_CMDLINE=\"b c\"\n# CONFIG_TTY is not set\n");

        ConfigMerge.Result r = ConfigMerge.merge(base, List.of(board, debug));

        assertEquals("CONFIG_PRINTK=y\nCONFIG_CC_OPTIMIZE_FOR_SIZE=y\n# CONFIG_TTY is not set\nCONFIG_CMDLINE=\"b c\"\n",
                r.merged().render());
        // Ordered by where each symbol was last requested.
        assertEquals(List.of("PRINTK", "CMDLINE", "TTY"), List.copyOf(r.requested().keySet()));
        assertEquals("debug.config", r.requested().get("TTY").source());
        assertEquals(2, r.requested().get("TTY").line());
        assertEquals("\"b c\"", r.requested().get("CMDLINE").value());
        assertFalse(r.requested().containsKey("CC_OPTIMIZE_FOR_SIZE"), "the base is not a request");
    }

    @Test
    void redefinitionsSayWhetherAFragmentUndidAnother() throws Exception {
        ConfigFile base = cfg("base", "# CONFIG_PRINTK is not set\nCONFIG_A=y\n");
        ConfigFile f1 = cfg("f1", "CONFIG_PRINTK=y\nCONFIG_A=y\n");
        ConfigFile f2 = cfg("f2", "CONFIG_PRINTK=n\n");

        List<ConfigMerge.Redefinition> redefs = ConfigMerge.merge(base, List.of(f1, f2)).redefinitions();

        assertEquals(2, redefs.size(), redefs.toString());
        assertTrue(redefs.get(0).ofBase());
        assertFalse(redefs.get(1).ofBase());
        assertEquals("CONFIG_PRINTK y (f1:1) redefined as is not set (f2:1)", redefs.get(1).describe("CONFIG_"));
    }

    @Test
    void fragmentsAloneMakeTheConfig() throws Exception {
        ConfigMerge.Result r = ConfigMerge.merge(null, List.of(cfg("a", "CONFIG_X=y\n"), cfg("b", "CONFIG_Y=m\n")));
        assertEquals("CONFIG_X=y\nCONFIG_Y=m\n", r.merged().render());
        assertEquals(2, r.requestedEntries().size());
    }

    @Test
    void mergeFilesWritesTheMergedConfig() throws Exception {
        Path base = Files.writeString(dir.resolve("base.config"), "CONFIG_A=y\n# CONFIG_B is not set\n");
        Path frag = Files.writeString(dir.resolve("frag.config"), "# comment\nCONFIG_B=y\n");
        Path out = dir.resolve("out/.config");

        ConfigMerge.Result r = ConfigMerge.mergeFiles(base, List.of(frag), "CONFIG_", out);

        assertEquals("CONFIG_A=y\nCONFIG_B=y\n", Files.readString(out));
        assertEquals(frag.toString() + ":2", r.requested().get("B").location());
    }

    @Test
    void aMalformedFragmentStopsTheMergeBeforeWriting() throws Exception {
        Path frag = Files.writeString(dir.resolve("frag.config"), "CONFIG_B=yes\n");
        Path out = dir.resolve(".config");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ConfigMerge.mergeFiles(null, List.of(frag), "CONFIG_", out));
        assertTrue(e.getMessage().contains(frag + ":1"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
