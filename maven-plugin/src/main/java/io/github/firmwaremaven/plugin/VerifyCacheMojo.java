package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.CacheVerification;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Hashes every file of every build cache entry that has a manifest and compares it with what was
 * stored; names the first file that differs in each damaged entry and removes that entry, so the
 * next build that needs it builds it again. Fails when an entry was damaged.
 */
@Mojo(name = "verify-cache", requiresProject = false, threadSafe = true)
public class VerifyCacheMojo extends AbstractFirmwareMojo {
    @Override
    protected void runGoal() throws Exception {
        BuildCache cache = buildCache();
        CacheVerification.Result r = CacheVerification.run(cache);
        getLog().info("Build cache " + cache.root() + ": " + r.verified().size() + " entries match their manifests, "
                + r.damaged().size() + " damaged, " + r.withoutManifest().size() + " without a manifest (not checked)");
        for (BuildCache.Entry e : r.withoutManifest()) {
            getLog().debug("  not checked: " + e.kind() + "/" + e.key());
        }
        for (CacheVerification.Damage d : r.damaged()) {
            getLog().error("  " + d.entry().kind() + "/" + d.entry().key() + ": " + d.difference() + " (removed)");
        }
        if (!r.damaged().isEmpty()) {
            throw new MojoFailureException(r.damaged().size() + " build cache entr"
                    + (r.damaged().size() == 1 ? "y was" : "ies were") + " changed after they were stored, first "
                    + d0(r) + "; removed, so the next build makes them again");
        }
    }

    private static String d0(CacheVerification.Result r) {
        CacheVerification.Damage d = r.damaged().get(0);
        return d.entry().directory().resolve(d.difference().replaceFirst(":.*$", "")) + " (" + d.difference()
                .replaceFirst("^[^:]*: ", "") + ")";
    }
}
