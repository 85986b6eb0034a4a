package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Downloads, verifies, extracts and patches the board's pinned sources. */
@Mojo(name = "fetch-sources", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class FetchSourcesMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "fetch-sources.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return "no sources declared";
    }

    @Override
    protected void runGoal() {}
}
