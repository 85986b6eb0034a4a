package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * The user's download cache, content-addressed: each pinned file lives under its pin (see
 * {@link CacheLayout}), written only by rename from {@code <fileName>.part} after the digest matched,
 * with {@code <fileName>.verified} beside it. Two sources sharing a file name never share an entry,
 * and a wrong pin can only write under its own key.
 *
 * <p>The record holds the digest and the file's size, mtime, ctime and inode at verification. A file
 * whose attributes still match is trusted without hashing it again (a no-op build must not read
 * 300 MB); any change, including an in-place rewrite that keeps the size and resets the mtime (the
 * ctime cannot be reset), makes the next use hash it again. That check needs no lock (entries are
 * only ever replaced by rename), so a complete cache works on a read-only file system; when the lock
 * cannot be created there, a file whose record is stale is hashed and used without writing anything.
 *
 * <p>Nothing verified is deleted: a download that does not match its pin, and a cached file that no
 * longer matches, are moved to the quarantine named by their actual digest, which
 * {@code firmware:cache-prune} empties. A continued download ({@code .part} left by a killed build,
 * or a transfer resumed with a Range request) that does not verify is not quarantined: it is
 * removed and fetched once more from scratch, since the resume may be the cause.
 *
 * <p>The layout before v1 ({@code <root>/<fileName>} with {@code .verified} beside it) is adopted, not
 * trusted by name: when a pinned source's entry is missing and {@code <root>/<fileName>} exists, it is
 * taken only if its record names the same pin with unchanged attributes, or its digest is the pin;
 * it is then hard-linked (copied across file systems) into the new entry and left in place. A file
 * of the old layout that holds another pin's content is left alone and downloaded for this pin.
 * Unverified sources never adopt an old file (nothing says which URL it came from).
 * {@code -Dfirmware.cache-prune.maxAgeDays=0} on cache-prune removes both layouts.
 */
public final class DownloadCache {
    private final FetchOptions options;
    private final BuildLog log;
    private final HttpFetcher http;
    private final CacheLayout layout;
    /** Files served from somewhere other than their entry: an old-layout file in a cache that cannot be written. */
    private final java.util.Map<String, Path> servedElsewhere = new java.util.concurrent.ConcurrentHashMap<>();
    /** Files hashed without a lock in this build (read-only cache): one hash per file and build, not per use. */
    private final java.util.Set<Path> hashedUnrecorded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DownloadCache(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
        this.http = new HttpFetcher(options, log);
        this.layout = new CacheLayout(options.downloadCache());
    }

    public Path root() {
        return options.downloadCache();
    }

    /** The per-source, content-addressed place of the file (what the SBOM and legal-info ship). */
    public Path location(SourceSpec spec) {
        Path elsewhere = servedElsewhere.get(CacheLayout.key(spec) + "/" + spec.fileName());
        return elsewhere != null ? elsewhere : layout.file(spec);
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
                    + "pass -Dfirmware.fetch-sources.primaryMirror=URL");
        }
        return urls;
    }

    /**
     * The verified file if the cache has it, else null; never touches the network. A file that no
     * longer matches its digest is quarantined (and so reported missing).
     */
    public Path cached(SourceSpec spec) throws IOException, FirmwareException {
        Path file = layout.file(spec);
        if (trustedByRecord(spec, file)) {
            return file;
        }
        try (PathLocks.Held lock = lock(spec)) {
            if (lock == null) {
                return readOnlyHit(spec, file);
            }
            return verifiedOrQuarantined(spec, file) || adoptLegacy(spec, file) ? file : null;
        }
    }

    /** The verified file, downloading it first if needed. Concurrent callers download it once. */
    public Path fetch(SourceSpec spec) throws IOException, FirmwareException, InterruptedException {
        Path file = layout.file(spec);
        if (trustedByRecord(spec, file)) {
            return file;
        }
        try (PathLocks.Held lock = lock(spec)) {
            if (lock == null) {
                Path hit = readOnlyHit(spec, file);
                if (hit != null) {
                    return hit;
                }
                throw new FirmwareException("Source '" + spec.name() + "': the download cache " + root()
                        + " cannot be written (" + lockProblem + ") and does not hold " + spec.fileName()
                        + ".\n  Make it writable, or point -Dfirmware.downloadCache at a writable directory.");
            }
            if (verifiedOrQuarantined(spec, file) || adoptLegacy(spec, file)) {
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
        if (spec.checksum() != null) {
            return spec.checksum().toString(); // what the record of a verified pinned file says, without reading it
        }
        Properties p = load(recordFile(location(spec)));
        return p.getProperty("algorithm") + ":" + p.getProperty("digest");
    }

    private volatile String lockProblem = "";

    /** The entry's lock, or null when the cache cannot be written (read-only file system, no permission). */
    private PathLocks.Held lock(SourceSpec spec) throws IOException {
        try {
            return PathLocks.acquire(layout.lockFile(spec));
        } catch (AccessDeniedException e) {
            lockProblem = "permission denied on " + e.getFile();
            return null;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Read-only file system")) {
                lockProblem = "read-only file system";
                return null;
            }
            throw e;
        }
    }

    /** Without a lock nothing may be written: a present file is hashed and used, or refused. */
    private Path readOnlyHit(SourceSpec spec, Path file) throws IOException, FirmwareException {
        Path known = servedElsewhere.getOrDefault(CacheLayout.key(spec) + "/" + spec.fileName(), file);
        if (hashedUnrecorded.contains(known)) {
            return known;
        }
        Path at = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file
                : spec.checksum() != null && Files.isRegularFile(layout.legacyFile(spec), LinkOption.NOFOLLOW_LINKS)
                        ? layout.legacyFile(spec) : null;
        if (at == null) {
            return null;
        }
        if (spec.checksum() == null) {
            return at == file ? file : null;
        }
        String actual = spec.checksum().digestOf(at);
        if (actual.equals(spec.checksum().hex())) {
            log.info("Source '" + spec.name() + "': " + at + " verified; the download cache cannot be written ("
                    + lockProblem + "), so the check is not recorded");
            if (at != file) {
                servedElsewhere.put(CacheLayout.key(spec) + "/" + spec.fileName(), at);
            }
            hashedUnrecorded.add(at);
            return at;
        }
        if (at != file) {
            return null;
        }
        throw new FirmwareException("Source '" + spec.name() + "': the cached " + file + " does not match its pin\n"
                + "  expected " + spec.checksum().algorithm() + " " + spec.checksum().hex() + "\n  actual   "
                + spec.checksum().algorithm() + " " + actual + "\n  The download cache cannot be written ("
                + lockProblem + "), so it was not quarantined. Make the cache writable and build again (the file "
                + "is then quarantined and downloaded afresh), or point -Dfirmware.downloadCache elsewhere.");
    }

    private static Path recordFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".verified");
    }

    /** Whether a transfer of this download continued bytes already in the part file. */
    private static final class Resume {
        boolean continued;
    }

    private void download(SourceSpec spec, Path file) throws IOException, FirmwareException, InterruptedException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.createDirectories(file.getParent());
        List<String> tried = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        // A continued download (a .part left by a killed build, or a transfer resumed with Range) that gives a
        // wrong digest may be a resume artefact, not a wrong pin: it is removed and the same URL gets one
        // fresh try. Only a download made from scratch is judged against the pin.
        String restartedFrom = null;
        Resume resume = new Resume();
        List<String> urls = candidates(spec);
        for (int u = 0; u < urls.size(); u++) {
            String url = urls.get(u);
            resume.continued = false;
            String outcome = attempt(spec, url, part, serverIdFor(spec, u, urls.size()), resume);
            if (outcome == null) {
                String actual = verifyPart(spec, part);
                if (actual == null) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    writeRecord(spec, file, spec.checksum() == null ? "sha256" : spec.checksum().algorithm(),
                            spec.checksum() == null ? new Checksum("sha256", "").digestOf(file) : spec.checksum().hex());
                    log.info("Downloaded " + spec.fileName() + " from " + url);
                    return;
                }
                if (resume.continued) {
                    Files.deleteIfExists(part);
                    if (restartedFrom == null) {
                        restartedFrom = url;
                        log.warn("Source '" + spec.name() + "': " + spec.fileName() + " from " + url
                                + " was continued from a partial download and did not verify; removed it and "
                                + "downloading again from scratch");
                        u--;
                        continue;
                    }
                    tried.add(url + " (continued download did not verify; removed)");
                    continue;
                }
                Path q = quarantine(part, spec.checksum().algorithm(), actual, spec.fileName());
                mismatches.add(url + " gave " + spec.checksum().algorithm() + " " + actual + "\n    quarantined as " + q);
                tried.add(url + " (digest mismatch)");
                log.warn(spec.fileName() + " from " + url + " has the wrong " + spec.checksum().algorithm()
                        + " " + actual + "; moved to quarantine as " + q);
            } else {
                tried.add(url + " (" + outcome + ")");
            }
        }
        Files.deleteIfExists(part);
        try {
            Files.deleteIfExists(file.getParent()); // an empty entry of a pin that never verified
        } catch (java.nio.file.DirectoryNotEmptyException keep) {
            // a .verified record or another file of this key: not ours to judge here
        }
        StringBuilder m = new StringBuilder();
        if (!mismatches.isEmpty()) {
            m.append("Source '").append(spec.name()).append("': ").append(spec.fileName())
                    .append(" does not match its pinned digest.\n  expected ")
                    .append(spec.checksum().algorithm()).append(' ').append(spec.checksum().hex());
            for (String mm : mismatches) {
                m.append("\n  actual: ").append(mm);
            }
            m.append("\nNo other pin's file was touched. If the new file is what you want, re-pin it (<sha256> or "
                    + "<sha512> in <sources><source>, or the overrides file) to the actual digest; otherwise fix "
                    + "the URL. mvn firmware:cache-prune removes quarantined files.");
        } else {
            m.append("Source '").append(spec.name()).append("': could not download ").append(spec.fileName());
            if (restartedFrom != null) {
                m.append("\n  A download continued from a partial file (").append(restartedFrom).append(") did not ")
                        .append("verify, so it was removed and started again from scratch, which did not complete. ")
                        .append("This is not a sign of a wrong pin: run the build again.");
            }
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
    private String attempt(SourceSpec spec, String url, Path part, String serverId, Resume resume)
            throws InterruptedException, IOException, FirmwareException {
        long backoff = options.firstBackoff().toMillis();
        String last = null;
        for (int i = 1; i <= options.attemptsPerUrl(); i++) {
            if (Files.isRegularFile(part) && Files.size(part) > 0 && !url.startsWith("file:")) {
                resume.continued = true;
            }
            try {
                http.transfer(url, part, serverId, spec.fileName());
                return null;
            } catch (HttpFetcher.WriteException e) {
                throw cannotWrite(spec, part, e);
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

    /**
     * A local write failure (disk full, read-only) is not the network's fault: no retry, one message. The
     * part is removed, since a full disk is better given its space back than kept for a resume.
     */
    private FirmwareException cannotWrite(SourceSpec spec, Path part, HttpFetcher.WriteException e) {
        String removed;
        try {
            Files.deleteIfExists(part);
            removed = "the partial download was removed";
        } catch (IOException x) {
            removed = "the partial download " + part + " could not be removed (" + x.getMessage() + ")";
        }
        String free;
        try {
            free = (Files.getFileStore(part.getParent()).getUsableSpace() >> 10) + " KiB free";
        } catch (IOException x) {
            free = "free space unknown";
        }
        String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        return new FirmwareException("Source '" + spec.name() + "': could not write " + spec.fileName()
                + " into the download cache " + root() + ": " + cause + "\n  " + removed + "; " + part.getParent()
                + " now has " + free + (e.expectedBytes > 0 ? ", the file needs " + (e.expectedBytes >> 10) + " KiB" : "")
                + ".\n  Free space there, or point -Dfirmware.downloadCache at a directory with room, then build again.");
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

    /** The cheap check: present, and its record names this pin with the file's current attributes. */
    private boolean trustedByRecord(SourceSpec spec, Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Properties p = load(recordFile(file));
        return pinMatchesRecord(spec, p) && attributes(file).equals(p.getProperty("attributes"));
    }

    private static boolean pinMatchesRecord(SourceSpec spec, Properties p) {
        return spec.checksum() == null ? "sha256".equals(p.getProperty("algorithm"))
                : spec.checksum().hex().equals(p.getProperty("digest"))
                        && spec.checksum().algorithm().equals(p.getProperty("algorithm"));
    }

    /** True if {@code file} is present and matches the pin; quarantines it (drops its record) if it does not. */
    private boolean verifiedOrQuarantined(SourceSpec spec, Path file) throws IOException {
        Path record = recordFile(file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(record);
            return false;
        }
        if (trustedByRecord(spec, file)) {
            return true;
        }
        String algorithm = spec.checksum() == null ? "sha256" : spec.checksum().algorithm();
        String actual = new Checksum(algorithm, "").digestOf(file);
        if (spec.checksum() == null || actual.equals(spec.checksum().hex())) {
            writeRecord(spec, file, algorithm, actual);
            return true;
        }
        Path q = quarantine(file, algorithm, actual, spec.fileName());
        Files.deleteIfExists(record);
        log.warn("Cached " + file + " does not match the pin of source '" + spec.name() + "' (expected " + algorithm
                + " " + spec.checksum().hex() + ", actual " + actual + "); moved to quarantine as " + q
                + " and downloading again");
        return false;
    }

    /** Takes {@code <root>/<fileName>} of the old layout into the entry if it is this pin's file. */
    private boolean adoptLegacy(SourceSpec spec, Path file) throws IOException {
        Path old = layout.legacyFile(spec);
        if (spec.checksum() == null || !Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Properties p = load(recordFile(old));
        boolean recordFresh = spec.checksum().algorithm().equals(p.getProperty("algorithm"))
                && attributes(old).equals(p.getProperty("attributes"));
        if (recordFresh && !spec.checksum().hex().equals(p.getProperty("digest"))) {
            return false; // another pin's file, and its record says so: no need to hash it
        }
        if (!recordFresh && !spec.checksum().digestOf(old).equals(spec.checksum().hex())) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".adopt");
        Files.deleteIfExists(tmp);
        try {
            Files.createLink(tmp, old);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(old, tmp);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeRecord(spec, file, spec.checksum().algorithm(), spec.checksum().hex());
        log.info("Source '" + spec.name() + "': took " + old + " from the download cache's old layout into " + file);
        return true;
    }

    /** Moves a file that did not match its pin to the quarantine named by its actual digest. */
    private Path quarantine(Path from, String algorithm, String actual, String fileName) throws IOException {
        Path to = layout.quarantine(algorithm, actual, fileName);
        Files.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return to;
    }

    private void writeRecord(SourceSpec spec, Path file, String algorithm, String digest) throws IOException {
        Properties p = new Properties();
        p.setProperty("algorithm", algorithm);
        p.setProperty("digest", digest);
        p.setProperty("attributes", attributes(file));
        p.setProperty("source", spec.name());
        AtomicFiles.store(recordFile(file), p,
                "verified by firmware-maven-plugin; any change of these attributes means hash again");
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
        return AtomicFiles.load(file);
    }
}
