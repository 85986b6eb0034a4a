package io.github.firmwaremaven.kconfig;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsNone;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigVerifierTest {
    private static ConfigFile cfg(String source, String text) throws FirmwareException {
        return ConfigFile.parse(text, source, "CONFIG_");
    }

    private static ConfigMerge.Result requests(String text) throws FirmwareException {
        return ConfigMerge.merge(null, List.of(cfg("board.config", text)));
    }

    @Test
    void honouredRequestsPass() throws Exception {
        ConfigMerge.Result r = requests("CONFIG_PRINTK=y\n# CONFIG_MODULES is not set\nCONFIG_GONE=n\n"
                + "CONFIG_CMDLINE=\"console=ttyS0 a=\\\"b\\\"\"\nCONFIG_START=0x1000\n");
        ConfigFile actual = cfg(".config", "CONFIG_PRINTK=y\n# CONFIG_MODULES is not set\n"
                + "CONFIG_CMDLINE=\"console=ttyS0 a=\\\"b\\\"\"\nCONFIG_START=0x1000\nCONFIG_OTHER=y\n");
        assertDoesNotThrow(() -> ConfigVerifier.verify(r.requestedEntries(), actual, "Linux .config"));
    }

    @Test
    void notSetIsSatisfiedByAnAbsentSymbol() throws Exception {
        ConfigMerge.Result r = requests("# CONFIG_VANISHED is not set\n");
        assertTrue(ConfigVerifier.mismatches(r.requestedEntries(), cfg(".config", "CONFIG_A=y\n")).isEmpty());
    }

    @Test
    void allOffendersAreReportedInOneMessage() throws Exception {
        ConfigFile board = cfg("boards/qemu/linux.config", "CONFIG_PRINTK=y\n"
                + "CONFIG_SERIAL_8250_CONSOLE=y\n"
                + "CONFIG_NO_SUCH_SYMBOL=y\n"
                + "# CONFIG_EXPERT is not set\n"
                + "CONFIG_CMDLINE=\"console=ttyS0 quiet\"\n"
                + "CONFIG_LOG_BUF_SHIFT=14\n");
        ConfigFile extra = cfg("extra.config", "CONFIG_E1000=m\n");
        ConfigMerge.Result r = ConfigMerge.merge(null, List.of(board, extra));
        ConfigFile actual = cfg("build/.config", "CONFIG_PRINTK=y\n"
                + "# CONFIG_SERIAL_8250_CONSOLE is not set\n"
                + "CONFIG_EXPERT=y\n"
                + "CONFIG_CMDLINE=\"console=ttyS0\"\n"
                + "CONFIG_LOG_BUF_SHIFT=14\n"
                + "CONFIG_E1000=y\n");

        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ConfigVerifier.verify(r.requestedEntries(), actual, "linux 6.1.176 build/.config"));
        String m = e.getMessage();
        assertTrue(m.startsWith("5 config symbols requested by the fragments did not survive olddefconfig in"
                + " linux 6.1.176 build/.config:"), m);
        assertContainsAll(m,
                "CONFIG_SERIAL_8250_CONSOLE: requested y (boards/qemu/linux.config:2), actual is not set",
                "CONFIG_NO_SUCH_SYMBOL: requested y (boards/qemu/linux.config:3), actual absent",
                "CONFIG_EXPERT: requested is not set (boards/qemu/linux.config:4), actual y",
                "CONFIG_CMDLINE: requested \"console=ttyS0 quiet\" (boards/qemu/linux.config:5),"
                        + " actual \"console=ttyS0\"",
                "CONFIG_E1000: requested m (extra.config:1), actual y",
                // What to do: look the symbol up in menuconfig, meet its dependencies, or check it still exists.
                "menuconfig", "Depends on", "not exist in this source version");
        assertContainsNone(m, "CONFIG_PRINTK", "CONFIG_LOG_BUF_SHIFT");
        // Offenders appear in request order.
        assertTrue(m.indexOf("SERIAL_8250_CONSOLE") < m.indexOf("NO_SUCH_SYMBOL")
                && m.indexOf("NO_SUCH_SYMBOL") < m.indexOf("E1000"), m);
    }

    @Test
    void onlyTheLastRequestForASymbolCounts() throws Exception {
        ConfigMerge.Result r = ConfigMerge.merge(null,
                List.of(cfg("a.config", "CONFIG_X=y\n"), cfg("b.config", "# CONFIG_X is not set\n")));
        List<ConfigVerifier.Mismatch> ms = ConfigVerifier.mismatches(r.requestedEntries(), cfg(".config", "CONFIG_X=y\n"));
        assertEquals(1, ms.size());
        assertEquals("b.config:1", ms.get(0).requested().location());
    }

    @Test
    void singleOffenderIsSingular() throws Exception {
        ConfigMerge.Result r = requests("CONFIG_X=y\n");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ConfigVerifier.verify(r.requestedEntries(), cfg(".config", ""), "busybox .config"));
        assertTrue(e.getMessage().startsWith("1 config symbol requested"), e.getMessage());
    }
}
