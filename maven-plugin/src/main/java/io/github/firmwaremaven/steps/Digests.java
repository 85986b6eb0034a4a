package io.github.firmwaremaven.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers shared by fingerprints, caches and manifests. */
public final class Digests {
    private Digests() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    // One digest and buffer per thread: a tree of 80,000 files is hashed on a few threads, and a fresh
    // MessageDigest and 128 KiB buffer for each small file cost more than hashing it.
    private static final ThreadLocal<MessageDigest> FILE_DIGEST = ThreadLocal.withInitial(Digests::sha256);
    private static final ThreadLocal<byte[]> FILE_BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 17]);

    public static String sha256(Path file) throws IOException {
        MessageDigest md = FILE_DIGEST.get();
        md.reset(); // whatever an earlier file that failed half way left
        byte[] buf = FILE_BUFFER.get();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
