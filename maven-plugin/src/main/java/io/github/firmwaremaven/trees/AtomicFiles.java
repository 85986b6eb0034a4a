package io.github.firmwaremaven.trees;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/**
 * Files replaced all at once: written beside the target under a name of their own, then renamed over
 * it, so a killed build leaves the old file or the new one, never half of one, and two writers never
 * share a temporary file. The temporary file gets the modes any new file gets (the umask), not the
 * owner-only ones of {@code Files.createTempFile}.
 */
public final class AtomicFiles {
    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeString(target, text, StandardCharsets.UTF_8);
    }

    public static void writeString(Path target, String text, Charset charset) throws IOException {
        write(target, text.getBytes(charset));
    }

    /** {@link Properties#store} into {@code target}; {@code comment} may be null. */
    public static void store(Path target, Properties properties, String comment) throws IOException {
        write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            properties.store(w, comment);
            w.flush();
        });
    }

    /**
     * What {@link #store} wrote: empty when the file is missing or damaged (a malformed escape), since
     * every such file here is a record whose loss costs only work done again.
     */
    public static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    /** A copy of {@code from} that appears at {@code target} complete or not at all. */
    public static void copy(Path from, Path target) throws IOException {
        write(target, out -> Files.copy(from, out));
    }

    /** Puts the finished directory {@code tmp} where {@code dir} was, removing the old one first. */
    public static void replaceTree(Path tmp, Path dir) throws IOException {
        TreeDelete.delete(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }
}
