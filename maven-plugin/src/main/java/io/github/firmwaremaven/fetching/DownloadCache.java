package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.FirmwareException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The user's download cache: {@code <root>/<fileName>}, written only by rename from
 * {@code <fileName>.part} after the digest matched, with {@code <fileName>.verified} beside it.
 *
 * <p>The record holds the digest and the file's size, mtime, ctime and inode at verification. A file
 * whose attributes still match is trusted without hashing it again (a no-op build must not read
 * 300 MB); any change, including an in-place rewrite that keeps the size and resets the mtime (the
 * ctime cannot be reset), makes the next use hash it again.
 */
public final class DownloadCache {
    private final FetchOptions options;
    private final BuildLog log;
    private final HttpFetcher http;

    public DownloadCache(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
        this.http = new HttpFetcher(options, log);
    }

    public Path root() {
        return options.downloadCache();
    }

    public Path location(SourceSpec spec) {
        return root().resolve(spec.fileName());
    }

    /** The URLs to try, in order: primary mirror, upstream (unless mirror-only), backup mirror. */
    public List<String> candidates(SourceSpec spec) throws FirmwareException {
        List<String> urls = new ArrayList<>();
        if (options.primaryMirror() != null) {
            urls.add(options.primaryMirror() + "/" + spec.fileName());
        }
        if (!options.mirrorOnly()) {
            urls.addAll(spec.urls());
        }
        if (options.backupMirror() != null) {
            urls.add(options.backupMirror() + "/" + spec.fileName());
        }
        if (urls.isEmpty()) {
            throw new FirmwareException("Source '" + spec.name() + "': mirror-only mode is on but no mirror is set; "
                    + "pass -Dfirmware.primaryMirror=URL");
        }
        return urls;
    }

    /**
     * The verified file if the cache has it, else null; never touches the network. A file that no
     * longer matches its digest is deleted (and so reported missing).
     */
    public Path cached(SourceSpec spec) throws IOException {
        Path file = location(spec);
        try (PathLocks.Held lock = PathLocks.acquire(lockFile(spec))) {
            return verifiedOrDeleted(spec, file) ? file : null;
        }
    }

    /** The verified file, downloading it first if needed. Concurrent callers download it once. */
    public Path fetch(SourceSpec spec) throws IOException, FirmwareException, InterruptedException {
        Path file = location(spec);
        Files.createDirectories(root());
        try (PathLocks.Held lock = PathLocks.acquire(lockFile(spec))) {
            if (verifiedOrDeleted(spec, file)) {
                return file;
            }
            if (options.offline()) {
                throw new FirmwareException(OfflineReport.message(List.of(new OfflineReport.Missing(spec,
                        candidates(spec)))));
            }
            download(spec, file);
            return file;
        }
    }

    /** The digest recorded for a verified file (the source's fingerprint input). */
    public String recordedDigest(SourceSpec spec) throws IOException {
        Properties p = load(recordFile(location(spec)));
        return p.getProperty("algorithm") + ":" + p.getProperty("digest");
    }

    private Path lockFile(SourceSpec spec) {
        return root().resolve(".locks").resolve(spec.fileName() + ".lock");
    }

    private static Path recordFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }

    private void download(SourceSpec spec, Path file) throws IOException, FirmwareException, InterruptedException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        List<String> tried = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        // A .part left by a killed build is continued; if that gives a wrong digest the leftover may have
        // been the cause, so the same URL gets one fresh try.
        boolean leftover = Files.isRegularFile(part);
        List<String> urls = candidates(spec);
        for (int u = 0; u < urls.size(); u++) {
            String url = urls.get(u);
            String outcome = attempt(spec, url, part, serverIdFor(spec, u, urls.size()));
            if (outcome == null) {
                String actual = verifyPart(spec, part);
                if (actual == null) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    writeRecord(spec, file, spec.checksum() == null ? "sha256" : spec.checksum().algorithm(),
                            spec.checksum() == null ? new Checksum("sha256", "").digestOf(file) : spec.checksum().hex());
                    log.info("Downloaded " + spec.fileName() + " from " + url);
                    return;
                }
                Files.deleteIfExists(part);
                if (leftover) {
                    leftover = false;
                    log.warn(spec.fileName() + ": the continued partial download did not verify; starting over");
                    u--;
                    continue;
                }
                mismatches.add(url + " gave " + spec.checksum().algorithm() + " " + actual);
                tried.add(url + " (digest mismatch)");
                log.warn(spec.fileName() + " from " + url + " has the wrong " + spec.checksum().algorithm()
                        + " " + actual + "; deleted");
            } else {
                tried.add(url + " (" + outcome + ")");
                leftover = false;
            }
        }
        Files.deleteIfExists(part);
        StringBuilder m = new StringBuilder();
        if (!mismatches.isEmpty()) {
            m.append("Source '").append(spec.name()).append("': ").append(spec.fileName())
                    .append(" does not match its pinned digest; the download was deleted.\n  expected ")
                    .append(spec.checksum().algorithm()).append(' ').append(spec.checksum().hex());
            for (String mm : mismatches) {
                m.append("\n  actual: ").append(mm);
            }
            m.append("\nIf the new file is what you want, re-pin it (<sha256> or the overrides file).");
        } else {
            m.append("Source '").append(spec.name()).append("': could not download ").append(spec.fileName());
        }
        m.append("\n  URLs tried:");
        for (String t : tried) {
            m.append("\n    ").append(t);
        }
        throw new FirmwareException(m.toString());
    }

    /**
     * Whose credentials go with the {@code index}th of the candidate URLs: a mirror's own server id for
     * the mirrors, the source's for its URLs. Each is sent only to that URL's origin.
     */
    private String serverIdFor(SourceSpec spec, int index, int count) {
        if (index == 0 && options.primaryMirror() != null) {
            return options.primaryMirrorServerId();
        }
        if (index == count - 1 && options.backupMirror() != null) {
            return options.backupMirrorServerId();
        }
        return spec.serverId();
    }

    /** Null when the part file is complete, else why this URL gave up. */
    private String attempt(SourceSpec spec, String url, Path part, String serverId)
            throws InterruptedException, IOException, FirmwareException {
        long backoff = options.firstBackoff().toMillis();
        String last = null;
        for (int i = 1; i <= options.attemptsPerUrl(); i++) {
            try {
                http.transfer(url, part, serverId, spec.fileName());
                return null;
            } catch (ServerAuth.Refused e) {
                // Not retried, and no other URL is tried with the same password: one clear error.
                Files.deleteIfExists(part);
                throw new FirmwareException("Source '" + spec.name() + "': the server refused the credentials of "
                        + "server id '" + e.serverId + "' for " + e.url + " (" + e.getMessage() + ").\nCheck the "
                        + "<server> with <id>" + e.serverId + "</id> in settings.xml (user name, password, and that "
                        + "settings-security.xml decrypts it); the password was not sent again in this build.");
            } catch (HttpFetcher.TransferException e) {
                last = e.getMessage();
                if (!e.retryable) {
                    // A 404 from a mirror says nothing about upstream: leave the part for the next URL only
                    // if it holds bytes of this same file name, which verification checks anyway.
                    return last;
                }
                log.warn(spec.fileName() + " from " + url + ": " + last
                        + (i < options.attemptsPerUrl() ? "; retrying in " + backoff + " ms" : ""));
            } catch (IOException e) {
                last = e.toString();
                log.warn(spec.fileName() + " from " + url + ": " + last);
            }
            if (i < options.attemptsPerUrl()) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        return last + " after " + options.attemptsPerUrl() + " attempts";
    }

    /** Null if the part matches the pin (or the source is unverified), else the actual digest. */
    private String verifyPart(SourceSpec spec, Path part) throws IOException {
        if (!Files.isRegularFile(part)) {
            return "(nothing downloaded)";
        }
        if (spec.checksum() == null) {
            log.warn("Source '" + spec.name() + "' is declared unverified: " + spec.fileName() + " was not checked");
            return null;
        }
        String actual = spec.checksum().digestOf(part);
        return actual.equals(spec.checksum().hex()) ? null : actual;
    }

    /** True if {@code file} is present and matches the pin; deletes it (and its record) if it does not. */
    private boolean verifiedOrDeleted(SourceSpec spec, Path file) throws IOException {
        Path record = recordFile(file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(record);
            return false;
        }
        Properties p = load(record);
        String algorithm = spec.checksum() == null ? "sha256" : spec.checksum().algorithm();
        boolean pinMatchesRecord = spec.checksum() == null ? "sha256".equals(p.getProperty("algorithm"))
                : spec.checksum().hex().equals(p.getProperty("digest")) && algorithm.equals(p.getProperty("algorithm"));
        if (pinMatchesRecord && attributes(file).equals(p.getProperty("attributes"))) {
            return true;
        }
        String actual = new Checksum(algorithm, "").digestOf(file);
        if (spec.checksum() == null || actual.equals(spec.checksum().hex())) {
            writeRecord(spec, file, algorithm, actual);
            return true;
        }
        log.warn("Cached " + file + " does not match the pin of source '" + spec.name() + "' (expected " + algorithm
                + " " + spec.checksum().hex() + ", actual " + actual + "); deleted");
        Files.delete(file);
        Files.deleteIfExists(record);
        return false;
    }

    private void writeRecord(SourceSpec spec, Path file, String algorithm, String digest) throws IOException {
        Properties p = new Properties();
        p.setProperty("algorithm", algorithm);
        p.setProperty("digest", digest);
        p.setProperty("attributes", attributes(file));
        p.setProperty("source", spec.name());
        Path record = recordFile(file);
        Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "verified by firmware-maven-plugin; any change of these attributes means hash again");
        }
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** size, mtime, ctime and inode: what changes when anyone writes the file. */
    static String attributes(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime;
        try {
            ctime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            ctime = "-";
        }
        return "size=" + a.size() + " mtime=" + nanos(a.lastModifiedTime()) + " ctime="
                + (ctime instanceof FileTime t ? Long.toString(nanos(t)) : ctime) + " inode="
                + Objects.toString(a.fileKey(), "-");
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }
}
