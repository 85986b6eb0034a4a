package io.github.firmwaremaven.fetching;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Empties the download cache's quarantine, or (everything) the whole cache. Only what the plugin
 * wrote is removed: the {@code v1/} tree, the git mirrors, and of the old layout the files that have a
 * {@code .verified} record, their records, {@code .part} files and {@code .locks}; anything else a
 * user keeps in that directory stays.
 */
public final class DownloadCachePrune {
    /** What was removed. */
    public record Result(int files, long bytes) {}

    private DownloadCachePrune() {}

    public static Result prune(Path root, boolean everything) throws IOException {
        CacheLayout layout = new CacheLayout(root);
        List<Path> targets = new ArrayList<>();
        if (!everything) {
            targets.add(layout.quarantineRoot());
        } else {
            targets.add(layout.versionRoot());
            targets.add(root.resolve(".locks"));
            targets.add(root.resolve("git")); // GitFetcher's bare mirrors
            if (Files.isDirectory(root)) {
                try (DirectoryStream<Path> d = Files.newDirectoryStream(root)) {
                    for (Path p : d) {
                        String n = p.getFileName().toString();
                        if (n.endsWith(".verified")) {
                            targets.add(p);
                            targets.add(root.resolve(n.substring(0, n.length() - ".verified".length())));
                        } else if (n.endsWith(".part")) {
                            targets.add(p);
                        }
                    }
                }
            }
        }
        int files = 0;
        long bytes = 0;
        for (Path t : targets) {
            if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> all;
            try (Stream<Path> s = Files.walk(t)) {
                all = s.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : all) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                    bytes += Files.size(p);
                }
                Files.delete(p);
            }
        }
        return new Result(files, bytes);
    }
}
