package io.github.firmwaremaven.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentUpdateTest {
    @TempDir
    Path dir;

    private static ConfigFile cfg(String text) throws FirmwareException {
        return ConfigFile.parse(text, "x", "CONFIG_");
    }

    private static final String FRAGMENT = "# Board fragment\nCONFIG_PRINTK=y\n\n# console\n"
            + "CONFIG_CMDLINE=\"console=ttyS0\"\n# CONFIG_MODULES is not set\nCONFIG_E1000=y\n";

    @Test
    void unchangedConfigGivesNoChanges() throws Exception {
        ConfigFile full = cfg("CONFIG_PRINTK=y\nCONFIG_CMDLINE=\"console=ttyS0\"\nCONFIG_E1000=y\nCONFIG_X=y\n");
        assertTrue(FragmentUpdate.diff(cfg(FRAGMENT), full, null, null).isEmpty());
    }

    @Test
    void changedFragmentSymbolsAreRewrittenInPlace() throws Exception {
        ConfigFile fragment = ConfigFile.parse(FRAGMENT, "board.config", "CONFIG_");
        ConfigFile full = cfg("CONFIG_PRINTK=y\nCONFIG_CMDLINE=\"console=ttyS0 \\\"q\\\"\"\nCONFIG_MODULES=y\n");

        List<FragmentUpdate.Change> changes = FragmentUpdate.diff(fragment, full, null, null);

        assertEquals(3, changes.size(), changes.toString());
        assertEquals("CMDLINE", changes.get(0).symbol());
        assertEquals(5, changes.get(0).before().line());
        assertEquals("MODULES", changes.get(1).symbol());
        assertEquals("E1000", changes.get(2).symbol());
        assertNull(changes.get(2).value(), "absent from the new .config is written as not set");
        assertEquals("# Board fragment\nCONFIG_PRINTK=y\n\n# console\n"
                + "CONFIG_CMDLINE=\"console=ttyS0 \\\"q\\\"\"\nCONFIG_MODULES=y\n# CONFIG_E1000 is not set\n",
                FragmentUpdate.apply(FRAGMENT, "CONFIG_", changes));
    }

    @Test
    void userEditsOutsideTheFragmentComeFromTheSavedefconfigDiff() throws Exception {
        ConfigFile before = cfg("CONFIG_PRINTK=y\nCONFIG_E1000=y\nCONFIG_HZ_100=y\n# CONFIG_SWAP is not set\n");
        ConfigFile after = cfg("CONFIG_PRINTK=y\nCONFIG_E1000=y\nCONFIG_NET=y\n# CONFIG_SWAP is not set\n");
        // NET_DEFAULT became visible with its default: in the full config, not in savedefconfig.
        ConfigFile full = cfg("CONFIG_PRINTK=y\nCONFIG_CMDLINE=\"console=ttyS0\"\nCONFIG_E1000=y\nCONFIG_NET=y\n"
                + "CONFIG_NET_DEFAULT=y\nCONFIG_HZ_250=y\n# CONFIG_HZ_100 is not set\n");

        List<FragmentUpdate.Change> changes = FragmentUpdate.diff(cfg(FRAGMENT), full, before, after);

        assertEquals(2, changes.size(), changes.toString());
        assertEquals("CONFIG_NET=y", changes.get(0).line("CONFIG_"));
        assertNull(changes.get(0).before());
        assertEquals("# CONFIG_HZ_100 is not set", changes.get(1).line("CONFIG_"));
        assertEquals(FRAGMENT + "CONFIG_NET=y\n# CONFIG_HZ_100 is not set\n",
                FragmentUpdate.apply(FRAGMENT, "CONFIG_", changes));
    }

    @Test
    void appendsToAFragmentWithoutFinalNewline() {
        List<FragmentUpdate.Change> add = List.of(new FragmentUpdate.Change("A", null, "y"));
        assertEquals("CONFIG_B=y\nCONFIG_A=y\n", FragmentUpdate.apply("CONFIG_B=y", "CONFIG_", add));
        assertEquals("CONFIG_A=y\n", FragmentUpdate.apply("", "CONFIG_", add));
    }

    @Test
    void updateFileRewritesOnlyWhenSomethingChanged() throws Exception {
        Path frag = Files.writeString(dir.resolve("linux.config"), FRAGMENT);
        ConfigFile same = cfg("CONFIG_PRINTK=y\nCONFIG_CMDLINE=\"console=ttyS0\"\nCONFIG_E1000=y\n");
        long modified = Files.getLastModifiedTime(frag).toMillis();
        assertTrue(FragmentUpdate.updateFile(frag, same, null, null).isEmpty());
        assertEquals(modified, Files.getLastModifiedTime(frag).toMillis());

        ConfigFile changed = cfg("# CONFIG_PRINTK is not set\nCONFIG_CMDLINE=\"console=ttyS0\"\nCONFIG_E1000=y\n");
        assertEquals(1, FragmentUpdate.updateFile(frag, changed, null, null).size());
        assertEquals(FRAGMENT.replace("CONFIG_PRINTK=y", "# CONFIG_PRINTK is not set"), Files.readString(frag));
        // The rewritten fragment now matches: a second update is a no-op.
        assertTrue(FragmentUpdate.updateFile(frag, changed, null, null).isEmpty());
    }
}
