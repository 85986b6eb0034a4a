package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.fetching.DownloadCacheListing;
import io.github.firmwaremaven.steps.CacheReport;
import java.time.Instant;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists the build cache and the download cache: each entry with its size and last use, and the totals. */
@Mojo(name = "cache-list", requiresProject = false, threadSafe = true)
public class CacheListMojo extends AbstractFirmwareMojo {
    @Override
    protected void runGoal() throws Exception {
        for (String line : CacheReport.lines(buildCache(),
                DownloadCacheListing.of(downloadCache()), Instant.now())) {
            getLog().info(line);
        }
    }
}
