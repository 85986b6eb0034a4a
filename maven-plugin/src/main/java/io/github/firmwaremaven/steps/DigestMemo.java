package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.trees.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

/**
 * SHA-256 digests of files, remembered against each file's identity (device and inode, size,
 * modification and change time in nanoseconds) so an unchanged file is not read again. Goals replace
 * outputs by an atomic move and package managers replace binaries the same way, which gives a new
 * inode; a file rewritten in place and given its old modification time back ({@code touch -r}) still
 * has a new change time, so it never matches an old entry either.
 */
public final class DigestMemo {
    /** Files modified more recently than this are hashed but not remembered (see {@link #sha256}). */
    static final long RACY_MILLIS = 2_000;

    private final Path file;
    private final Properties known = new Properties();
    private boolean changed;

    public DigestMemo(Path file) throws IOException {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                known.load(r);
            } catch (IllegalArgumentException e) {
                known.clear(); // a damaged memo only costs a re-hash
            }
        }
    }

    public String sha256(Path path) throws IOException {
        return remembered("", path, () -> Digests.sha256(path));
    }

    /** What a file's content yields (its digest, a tool's version line); null when there is none to keep. */
    public interface Derivation {
        String of() throws IOException;
    }

    /**
     * A value derived from the file's content ({@code kind} names which: a tool's version line), kept
     * like its digest: remembered against the file's identity and computed again when that changes.
     */
    public String remembered(String kind, Path path, Derivation derivation) throws IOException {
        String key = (kind.isEmpty() ? "" : kind + ":") + path.toAbsolutePath();
        String identity = identity(path);
        String remembered = known.getProperty(key);
        if (remembered != null && remembered.startsWith(identity + " ")) {
            return remembered.substring(identity.length() + 1);
        }
        String value = derivation.of();
        if (value == null) {
            return null; // nothing to remember (a tool that did not answer): asked again next time
        }
        // The identity is taken again: a file that changed while it was read is not remembered. Nor is
        // one modified in the last seconds: file times are coarser than the clock (and 2 s on some file
        // systems), so an edit of the same size in that window could keep the identity (git's "racy
        // clean" case). Such a file is simply read again next time.
        java.util.Map<String, Object> after = attributes(path);
        if (identity.equals(identity(after))
                && ((FileTime) after.get("lastModifiedTime")).toMillis() <= System.currentTimeMillis() - RACY_MILLIS) {
            known.setProperty(key, identity + " " + value);
            changed = true;
        }
        return value;
    }

    public void save() throws IOException {
        if (!changed) {
            return;
        }
        AtomicFiles.store(file, known, null);
        changed = false;
    }

    private static String identity(Path path) throws IOException {
        return identity(attributes(path));
    }

    /** One stat: what the identity is made of. */
    private static java.util.Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime");
    }

    private static String identity(java.util.Map<String, Object> a) {
        return a.get("dev") + ":" + a.get("ino") + "|" + a.get("size") + "|" + nanos(a.get("lastModifiedTime")) + "|"
                + nanos(a.get("ctime"));
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
