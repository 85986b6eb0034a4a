package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds coreboot with the board's payload. Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-coreboot", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildCorebootMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-coreboot.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no coreboot declared";
    }

    @Override
    protected void runGoal() {}

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
