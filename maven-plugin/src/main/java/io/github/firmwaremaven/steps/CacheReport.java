package io.github.firmwaremaven.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What cache-list prints: the build cache and the download cache (listed by fetching), each entry, and the totals. */
public final class CacheReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One file of the download cache: its part (a hash algorithm, unverified, quarantine, signatures). */
    public record Download(String part, String name, long bytes, Instant modified) {}

    /** The download cache's files and the size of its git mirrors. */
    public record Downloads(Path root, List<Download> files, long gitBytes) {}

    private CacheReport() {}

    public static List<String> lines(BuildCache build, Downloads downloads, Instant now) throws IOException {
        List<String> out = new ArrayList<>();
        List<BuildCache.Entry> entries = build.list();
        long buildBytes = entries.stream().mapToLong(BuildCache.Entry::bytes).sum();
        out.add("Build cache " + build.root() + ": " + count(entries.size(), "entry", "entries") + ", "
                + size(buildBytes));
        Map<String, long[]> byKind = new TreeMap<>();
        for (BuildCache.Entry e : entries) {
            out.add(String.format("  %-12s %-58s %10s  last used %s", e.kind(), e.key(), size(e.bytes()),
                    when(e.lastUsed(), now)));
            long[] t = byKind.computeIfAbsent(e.kind(), k -> new long[2]);
            t[0]++;
            t[1] += e.bytes();
        }
        byKind.forEach((kind, t) -> out.add(String.format("  total %-12s %s, %s", kind,
                count((int) t[0], "entry", "entries"), size(t[1]))));

        List<Download> files = downloads.files();
        long downloadBytes = files.stream().mapToLong(Download::bytes).sum();
        long gitBytes = downloads.gitBytes();
        out.add("Download cache " + downloads.root() + ": " + count(files.size(), "file", "files") + ", "
                + size(downloadBytes) + (gitBytes > 0 ? "; git mirrors " + size(gitBytes) : ""));
        for (Download d : files) {
            out.add(String.format("  %-12s %-58s %10s  fetched %s", d.part(), d.name(), size(d.bytes()),
                    when(d.modified(), now)));
        }
        out.add("In all: " + size(buildBytes + downloadBytes + gitBytes)
                + " (firmware:cache-prune -Dfirmware.cache-prune.maxAgeDays=N removes what was not used for N days)");
        return out;
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
        }
        if (bytes >= 1024L * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%d KiB", (bytes + 1023) / 1024);
    }

    static String when(Instant t, Instant now) {
        Duration ago = Duration.between(t, now);
        String rel;
        if (ago.isNegative() || ago.toMinutes() < 1) {
            rel = "just now";
        } else if (ago.toHours() < 1) {
            rel = ago.toMinutes() + " min ago";
        } else if (ago.toDays() < 2) {
            rel = ago.toHours() + " h ago";
        } else {
            rel = ago.toDays() + " days ago";
        }
        return TIME.format(t) + " (" + rel + ")";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
