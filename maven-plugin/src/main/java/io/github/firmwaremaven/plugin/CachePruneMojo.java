package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.steps.BuildCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Removes build cache entries not used for a number of days (0 removes everything). */
@Mojo(name = "cache-prune", requiresProject = false, threadSafe = true)
public class CachePruneMojo extends AbstractFirmwareMojo {
    /** Entries unused for longer than this many days are removed. */
    @Parameter(property = "firmware.cache.maxAgeDays", defaultValue = "30")
    private int maxAgeDays;

    @Override
    protected boolean skipGoal() {
        return false;
    }

    @Override
    protected String nothingConfigured() {
        return null;
    }

    @Override
    protected void runGoal() throws Exception {
        Instant cutoff = maxAgeDays <= 0 ? Instant.now().plusSeconds(1) : Instant.now().minus(Duration.ofDays(maxAgeDays));
        List<BuildCache.Entry> removed = buildCache().prune(cutoff);
        long bytes = removed.stream().mapToLong(BuildCache.Entry::bytes).sum();
        getLog().info("Pruned " + removed.size() + " cache entr" + (removed.size() == 1 ? "y" : "ies") + ", "
                + bytes / (1024 * 1024) + " MiB");
    }
}
