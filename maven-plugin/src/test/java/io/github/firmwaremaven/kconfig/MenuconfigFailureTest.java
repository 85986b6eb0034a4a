package io.github.firmwaremaven.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuconfigFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFailedMenuconfigFailsTheBuildAndLeavesTheFragmentAlone() throws Exception {
        Path obj = Files.createDirectories(dir.resolve("obj"));
        Files.writeString(obj.resolve(".config"), "CONFIG_A=y\n");
        Path fragment = Files.writeString(dir.resolve("board.config"), "CONFIG_A=y\n");
        // "make" that fails as make does when menuconfig's interface cannot be built or started
        ConfigEdit.Target t = new ConfigEdit.Target("busybox", List.of("sh", "-c", "exit 2", "make"), obj, Map.of(),
                fragment, ConfigFile.DEFAULT_PREFIX, false);
        FirmwareException e = assertThrows(FirmwareException.class, () -> ConfigEdit.menuconfig(t));
        assertTrue(e.getMessage().contains("make menuconfig for the busybox exited with 2"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment + " is unchanged"), e.getMessage());
        assertEquals("CONFIG_A=y\n", Files.readString(fragment));
    }

    @Test
    void aTargetWithoutConfigIsNotConfigured() throws Exception {
        ConfigEdit.Target t = new ConfigEdit.Target("kernel", List.of("make"), dir, Map.of(), dir.resolve("f"),
                ConfigFile.DEFAULT_PREFIX, true);
        assertEquals(false, t.configured());
        Files.writeString(dir.resolve(".config"), "");
        assertEquals(true, t.configured());
    }
}
