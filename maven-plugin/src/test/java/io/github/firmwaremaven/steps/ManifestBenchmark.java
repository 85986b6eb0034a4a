package io.github.firmwaremaven.steps;

import java.nio.file.Path;

/**
 * For it/benchmarks/verify-cache.sh: the cheap check of one cache entry shared in place, the first
 * call in a fresh JVM (what a kernel rebuild pays before make starts). Prints milliseconds.
 * Usage: ManifestBenchmark ENTRY_DIR (the directory holding {@code tree} and {@code manifest}).
 */
public final class ManifestBenchmark {
    private ManifestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path entry = Path.of(args[0]);
        long t0 = System.nanoTime();
        String difference = Manifest.firstDifference(entry.resolve(SharedOutputs.MANIFEST),
                entry.resolve(SharedOutputs.IN_PLACE), Manifest.Check.CHEAP);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (difference != null) {
            throw new IllegalStateException("the entry differs from its manifest: " + difference);
        }
        System.out.println(ms);
    }
}
