package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Resolves the board's toolchains: external prefixes, built from source, or Maven artifacts. */
@Mojo(name = "build-toolchain", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class BuildToolchainMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-toolchain.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no toolchains declared";
    }

    @Override
    protected void runGoal() {}
}
