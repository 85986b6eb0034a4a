package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.fetching.DownloadCachePrune;
import io.github.firmwaremaven.steps.BuildCache;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes build cache entries not used for a number of days (0 removes everything), and the download
 * cache's quarantine (files that did not match their pin); with 0 days the download cache is emptied too.
 */
@Mojo(name = "cache-prune", requiresProject = false, threadSafe = true)
public class CachePruneMojo extends AbstractFirmwareMojo {
    /** Entries unused for longer than this many days are removed. */
    @FormerProperty("firmware.cache.maxAgeDays")
    @Parameter(property = "firmware.cache-prune.maxAgeDays", defaultValue = "30")
    private int maxAgeDays;

    /** The download cache fetch-sources fills; by default {@code downloads} in {@code firmware.cacheDir}. */
    @Parameter(property = "firmware.downloadCache")
    private File downloadCache;

    @Override
    protected void runGoal() throws Exception {
        Instant cutoff = maxAgeDays <= 0 ? Instant.now().plusSeconds(1) : Instant.now().minus(Duration.ofDays(maxAgeDays));
        List<BuildCache.Entry> removed = buildCache().prune(cutoff);
        long bytes = removed.stream().mapToLong(BuildCache.Entry::bytes).sum();
        getLog().info("Pruned " + removed.size() + " cache entr" + (removed.size() == 1 ? "y" : "ies") + ", "
                + bytes / (1024 * 1024) + " MiB");
        // Downloads carry no last-use time worth trusting (a no-op build only reads them): age 0 empties the
        // download cache, any other age removes only the quarantine.
        Path downloads = downloadCache != null ? downloadCache.toPath() : cacheDir.toPath().resolve("downloads");
        DownloadCachePrune.Result d = DownloadCachePrune.prune(downloads, maxAgeDays <= 0);
        getLog().info("Removed " + d.files() + (maxAgeDays <= 0 ? " file(s) from the download cache "
                : " quarantined file(s) from ") + downloads + ", " + d.bytes() / (1024 * 1024) + " MiB");
    }
}
