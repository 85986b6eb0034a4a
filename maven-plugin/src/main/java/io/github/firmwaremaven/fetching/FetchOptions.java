package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.logging.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How sources are fetched on this machine: where the download cache is, which mirrors to try, whether
 * the network may be used, the user's proxies and server credentials. Plain values; the mojo fills
 * them from Maven's session and settings.
 */
public record FetchOptions(Path downloadCache, String primaryMirror, String backupMirror, boolean mirrorOnly,
        boolean offline, List<ProxyConfig> proxies, Map<String, Credentials> servers, Progress progress,
        int attemptsPerUrl, Duration firstBackoff, Duration timeout,
        // The settings.xml server ids of the mirrors' own credentials (null: the mirror gets none).
        String primaryMirrorServerId, String backupMirrorServerId) {

    public FetchOptions {
        proxies = List.copyOf(proxies);
        servers = Map.copyOf(servers);
        primaryMirror = trimSlash(primaryMirror);
        backupMirror = trimSlash(backupMirror);
        primaryMirrorServerId = trimSlash(primaryMirrorServerId);
        backupMirrorServerId = trimSlash(backupMirrorServerId);
    }

    /** Online, no mirrors, no proxies, no progress: what tests and a bare machine use. */
    public static FetchOptions defaults(Path downloadCache) {
        return new FetchOptions(downloadCache, null, null, false, false, List.of(), Map.of(), Progress.NONE, 4,
                Duration.ofMillis(500), Duration.ofSeconds(60), null, null);
    }

    public FetchOptions withMirrors(String primary, String backup, boolean only) {
        return new FetchOptions(downloadCache, primary, backup, only, offline, proxies, servers, progress,
                attemptsPerUrl, firstBackoff, timeout, primaryMirrorServerId, backupMirrorServerId);
    }

    public FetchOptions withOffline(boolean off) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, off, proxies, servers,
                progress, attemptsPerUrl, firstBackoff, timeout, primaryMirrorServerId, backupMirrorServerId);
    }

    public FetchOptions withNetwork(List<ProxyConfig> ps, Map<String, Credentials> ss) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, ps, ss, progress,
                attemptsPerUrl, firstBackoff, timeout, primaryMirrorServerId, backupMirrorServerId);
    }

    /** How downloads show they are alive (an updating line, a heartbeat, nothing). */
    public FetchOptions withProgress(Progress p) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, proxies, servers,
                p, attemptsPerUrl, firstBackoff, timeout, primaryMirrorServerId, backupMirrorServerId);
    }

    public FetchOptions withRetries(int attempts, Duration backoff) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, proxies, servers,
                progress, attempts, backoff, timeout, primaryMirrorServerId, backupMirrorServerId);
    }

    /** The server ids whose credentials the primary and the backup mirror get (each at its own origin only). */
    public FetchOptions withMirrorServerIds(String primary, String backup) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, proxies, servers,
                progress, attemptsPerUrl, firstBackoff, timeout, primary, backup);
    }

    private static String trimSlash(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
