package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.kconfig.ConfigEdit;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Opens {@code make menuconfig} on the build's .config ({@code -Dfirmware.config=kernel|coreboot|busybox})
 * in the terminal; then {@code firmware:update-config} writes the changes into the board's fragment
 * (coreboot: its config file). Needs an interactive terminal; refused with {@code -B}.
 */
@Mojo(name = "menuconfig", threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_SOURCES)
public class MenuconfigMojo extends AbstractConfigEditMojo {
    @Override
    protected void runGoal() throws Exception {
        String refused = withoutTerminal();
        if (refused != null) {
            throw new FirmwareException(refused);
        }
        ConfigEdit.Target t = target();
        ConfigEdit.menuconfig(t);
        getLog().info("menuconfig done; run mvn firmware:update-config -Dfirmware.config=" + config
                + " to write the changes into " + t.fragment());
    }
}
