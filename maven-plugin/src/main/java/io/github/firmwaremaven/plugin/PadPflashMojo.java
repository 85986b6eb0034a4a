package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Pads firmware images to the flash size of a QEMU machine. Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "pad-pflash", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PadPflashMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "pad-pflash.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no pflash images declared";
    }

    @Override
    protected void runGoal() {}

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
