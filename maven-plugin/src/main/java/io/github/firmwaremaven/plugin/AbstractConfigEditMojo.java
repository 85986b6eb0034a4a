package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.kconfig.ConfigEdit;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * menuconfig and update-config: which build's configuration, and which fragment receives edits. Both
 * run the lifecycle up to process-sources first (sources and toolchains, nothing compiled), so they
 * work on a board that was never built.
 */
abstract class AbstractConfigEditMojo extends AbstractFirmwareMojo {
    /** {@code kernel}, {@code coreboot}, or the name of a kconfig rootfs package ({@code busybox}). */
    @Parameter(property = "firmware.config", defaultValue = "kernel")
    protected String config;

    /**
     * The fragment that receives the changes; by default the last of the chosen build's fragments
     * (for coreboot: the file the board's coreboot element names as its {@code config}).
     */
    @Parameter(property = "firmware.fragment")
    protected File fragment;

    protected ConfigEdit.Target target() throws Exception {
        return board().configTarget(config, fragment == null ? null : fragment.toPath(), steps());
    }
}
