package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds EDK2 firmware (OVMF, ArmVirtQemu). Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-ovmf", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildOvmfMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-ovmf.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no EDK2 platform declared";
    }

    @Override
    protected void runGoal() {}

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
