package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.steps.CacheReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The download cache as cache-list shows it: the files the plugin keeps, without its bookkeeping. */
public final class DownloadCacheListing {
    private DownloadCacheListing() {}

    public static CacheReport.Downloads of(Path root) throws IOException {
        Path version = new CacheLayout(root).versionRoot();
        List<CacheReport.Download> result = new ArrayList<>();
        if (Files.isDirectory(version)) {
            try (Stream<Path> s = Files.walk(version)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    String n = p.getFileName().toString();
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || n.endsWith(".verified")
                            || n.endsWith(".lock") || n.endsWith(".part")) {
                        continue;
                    }
                    String part = version.relativize(p).getName(0).toString();
                    result.add(new CacheReport.Download(part, n, Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                }
            }
        }
        return new CacheReport.Downloads(root, result, treeBytes(root.resolve("git")));
    }

    private static long treeBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            long sum = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    sum += Files.size(p);
                }
            }
            return sum;
        }
    }
}
