package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.CacheReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCacheListingTest {
    @TempDir
    Path root;

    @Test
    void listsBothCachesWithTotalsAndReadableTimes() throws Exception {
        Path entry = Files.createDirectories(root.resolve("build/kernel/v2-kernel-build-abc"));
        Files.write(entry.resolve("image"), new byte[3 * 1024 * 1024]);
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Files.setLastModifiedTime(entry, FileTime.from(now.minusSeconds(3 * 3600)));
        Path pinned = Files.createDirectories(root.resolve("downloads/v1/sha256/ab/abcd"));
        Files.write(pinned.resolve("linux.tar.xz"), new byte[2048]);
        Files.writeString(pinned.resolve("linux.tar.xz.verified"), "record");
        Files.setLastModifiedTime(pinned.resolve("linux.tar.xz"), FileTime.from(now.minusSeconds(5 * 86400)));

        List<String> lines = CacheReport.lines(new BuildCache(root.resolve("build")), DownloadCacheListing.of(root.resolve("downloads")), now);
        String all = String.join("\n", lines);
        assertTrue(lines.get(0).endsWith(": 1 entry, 3.0 MiB"), all);
        assertTrue(all.contains("last used 2026-12-02 09:00 UTC (3 h ago)"), all);
        assertTrue(all.contains("total kernel       1 entry, 3.0 MiB"), all);
        assertTrue(all.contains("downloads: 1 file, 2 KiB"), all);
        assertTrue(all.contains("sha256       linux.tar.xz"), all);
        assertTrue(all.contains("fetched 2026-11-27 12:00 UTC (5 days ago)"), all);
        assertTrue(!all.contains(".verified"), "bookkeeping records are not listed: " + all);
        assertTrue(lines.get(lines.size() - 1).startsWith("In all: 3.0 MiB"), all);
    }

    @Test
    void emptyCachesSaySo() throws Exception {
        List<String> lines = CacheReport.lines(new BuildCache(root.resolve("build")), DownloadCacheListing.of(root.resolve("downloads")), Instant.now());
        assertEquals(root.resolve("build") + "", lines.get(0).replaceAll("^Build cache (.*): 0 entries, 0 KiB$", "$1"));
        assertTrue(lines.get(1).endsWith(": 0 files, 0 KiB"), lines.toString());
    }
}
