package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Configures and builds the Linux kernel out of tree. */
@Mojo(name = "build-kernel", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildKernelMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-kernel.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no kernel declared";
    }

    @Override
    protected void runGoal() {}
}
