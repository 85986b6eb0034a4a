package io.github.firmwaremaven.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code firmware:verify-cache}: every build cache entry that carries a manifest, hashed in full
 * against it. A damaged entry is removed, since the cheap check a build makes would not notice a
 * change that kept sizes, times and inodes (a flipped bit on disk), and the next build that needs it
 * builds it again.
 */
public final class CacheVerification {
    /** An entry that no longer matches its manifest, and the first path that differs. */
    public record Damage(BuildCache.Entry entry, String difference) {}

    /** What the check found. */
    public record Result(List<BuildCache.Entry> verified, List<BuildCache.Entry> withoutManifest,
            List<Damage> damaged) {}

    private CacheVerification() {}

    public static Result run(BuildCache cache) throws Exception {
        List<BuildCache.Entry> verified = new ArrayList<>();
        List<BuildCache.Entry> without = new ArrayList<>();
        List<Damage> damaged = new ArrayList<>();
        for (BuildCache.Entry e : cache.list()) {
            if (!SharedOutputs.hasManifest(e.directory())) {
                without.add(e);
                continue;
            }
            String difference = SharedOutputs.verify(e.directory());
            if (difference == null) {
                verified.add(e);
            } else {
                damaged.add(new Damage(e, difference));
                cache.discardIf(e.kind(), e.key(), dir -> true);
            }
        }
        return new Result(verified, without, damaged);
    }
}
