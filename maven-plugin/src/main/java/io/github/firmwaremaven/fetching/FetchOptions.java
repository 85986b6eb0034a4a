package io.github.firmwaremaven.fetching;

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
        boolean offline, List<ProxyConfig> proxies, Map<String, Credentials> servers, boolean progress,
        int attemptsPerUrl, Duration firstBackoff, Duration timeout) {

    public FetchOptions {
        proxies = List.copyOf(proxies);
        servers = Map.copyOf(servers);
        primaryMirror = trimSlash(primaryMirror);
        backupMirror = trimSlash(backupMirror);
    }

    /** Online, no mirrors, no proxies: what tests and a bare machine use. */
    public static FetchOptions defaults(Path downloadCache) {
        return new FetchOptions(downloadCache, null, null, false, false, List.of(), Map.of(), false, 4,
                Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    public FetchOptions withMirrors(String primary, String backup, boolean only) {
        return new FetchOptions(downloadCache, primary, backup, only, offline, proxies, servers, progress,
                attemptsPerUrl, firstBackoff, timeout);
    }

    public FetchOptions withOffline(boolean off) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, off, proxies, servers,
                progress, attemptsPerUrl, firstBackoff, timeout);
    }

    public FetchOptions withNetwork(List<ProxyConfig> ps, Map<String, Credentials> ss) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, ps, ss, progress,
                attemptsPerUrl, firstBackoff, timeout);
    }

    public FetchOptions withProgress(boolean p) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, proxies, servers,
                p, attemptsPerUrl, firstBackoff, timeout);
    }

    public FetchOptions withRetries(int attempts, Duration backoff) {
        return new FetchOptions(downloadCache, primaryMirror, backupMirror, mirrorOnly, offline, proxies, servers,
                progress, attempts, backoff, timeout);
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
