package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.steps.BuildCache;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists the build cache: kind, key, size and last use of each entry. */
@Mojo(name = "cache-list", requiresProject = false, threadSafe = true)
public class CacheListMojo extends AbstractFirmwareMojo {
    @Override
    protected void runGoal() throws Exception {
        BuildCache cache = buildCache();
        List<BuildCache.Entry> entries = cache.list();
        getLog().info("Build cache " + cache.root() + ": " + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
        for (BuildCache.Entry e : entries) {
            getLog().info(String.format("  %-16s %-40s %10d KiB  last used %s", e.kind(), e.key(), e.bytes() / 1024,
                    e.lastUsed()));
        }
    }
}
