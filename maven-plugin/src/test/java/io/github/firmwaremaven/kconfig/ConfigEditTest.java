package io.github.firmwaremaven.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditTest {
    @TempDir
    Path dir;
    Path src;
    Path obj;
    Path fragment;

    /** A kbuild stand-in: savedefconfig keeps every set symbol except CONFIG_DEFAULT_* (its "defaults"). */
    @BeforeEach
    void fakeKbuild() throws Exception {
        src = Files.createDirectories(dir.resolve("src"));
        obj = Files.createDirectories(dir.resolve("obj"));
        Files.writeString(src.resolve("Makefile"), "savedefconfig:\n"
                + "\tgrep '^CONFIG_' $(O)/.config | grep -v '^CONFIG_DEFAULT_' > $(O)/defconfig || true\n");
        fragment = Files.writeString(dir.resolve("board.fragment"), "# board\nCONFIG_A=y\n");
    }

    private ConfigEdit.Target target(boolean savedefconfig) {
        return new ConfigEdit.Target("kernel", List.of("make", "-s", "-C", src.toString(), "O=" + obj), obj, Map.of(),
                fragment, ConfigFile.DEFAULT_PREFIX, savedefconfig);
    }

    private void config(String text) throws Exception {
        Files.writeString(obj.resolve(".config"), text);
    }

    @Test
    void userEditsGoIntoTheFragmentButNewlyVisibleDefaultsDoNot() throws Exception {
        config("CONFIG_A=y\nCONFIG_B=y\nCONFIG_DEFAULT_X=y\n");
        ConfigEdit.recordBaseline(target(true));
        config("# CONFIG_A is not set\nCONFIG_B=y\nCONFIG_C=m\nCONFIG_DEFAULT_X=y\nCONFIG_DEFAULT_Y=y\n");
        List<FragmentUpdate.Change> changes = ConfigEdit.update(target(true)).written();
        assertEquals(List.of("# CONFIG_A is not set", "CONFIG_C=m"),
                changes.stream().map(c -> c.line("CONFIG_")).toList());
        assertEquals("# board\n# CONFIG_A is not set\nCONFIG_C=m\n", Files.readString(fragment));
        assertTrue(ConfigEdit.update(target(true)).written().isEmpty(), "a second update finds nothing new");
    }

    @Test
    void withoutBaselineOnlyTheFragmentsOwnSymbolsAreUpdated() throws Exception {
        config("CONFIG_A=m\nCONFIG_C=y\n");
        ConfigEdit.update(target(true));
        assertEquals("# board\nCONFIG_A=m\n", Files.readString(fragment));
    }

    @Test
    void treesWithoutSavedefconfigCompareFullConfigs() throws Exception {
        Files.writeString(src.resolve("Makefile"), "savedefconfig:\n\tfalse\n");
        config("CONFIG_A=y\nCONFIG_B=y\n");
        ConfigEdit.recordBaseline(target(false));
        config("CONFIG_A=y\nCONFIG_B=y\nCONFIG_FEATURE_X=y\n");
        ConfigEdit.update(target(false));
        assertEquals("# board\nCONFIG_A=y\nCONFIG_FEATURE_X=y\n", Files.readString(fragment));
    }

    @Test
    void noConfigYetTellsTheUserToBuildFirst() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> ConfigEdit.update(target(true)));
        assertTrue(e.getMessage().contains("build the kernel first"), e.getMessage());
    }
}
