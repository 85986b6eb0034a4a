package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.kconfig.ConfigEdit;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Opens {@code make menuconfig} on the build's .config (-Dfirmware.config=kernel|coreboot|busybox) in the
 * terminal; then firmware:update-config writes the changes into the board's fragment (coreboot: its config file).
 */
@Mojo(name = "menuconfig", threadSafe = true)
public class MenuconfigMojo extends AbstractConfigEditMojo {
    @Override
    protected void runGoal() throws Exception {
        ConfigEdit.Target t = target();
        int code = ConfigEdit.menuconfig(t);
        getLog().info("menuconfig exited with " + code + "; run mvn firmware:update-config -Dfirmware.config="
                + config + " to write the changes into " + t.fragment());
    }
}
