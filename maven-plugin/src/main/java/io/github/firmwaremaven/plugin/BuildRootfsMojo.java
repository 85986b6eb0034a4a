package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the userland packages (busybox, kexec-tools) into the initramfs staging directory. */
@Mojo(name = "build-rootfs", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildRootfsMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-rootfs.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no rootfs packages declared";
    }

    @Override
    protected void runGoal() {}
}
