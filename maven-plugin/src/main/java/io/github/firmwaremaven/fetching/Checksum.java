package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** An expected digest: algorithm (sha256 or sha512) and lower-case hex. */
public record Checksum(String algorithm, String hex) {
    public static Checksum of(String where, String algorithm, String hex) throws FirmwareException {
        String h = hex.trim().toLowerCase(Locale.ROOT);
        int len = algorithm.equals("sha256") ? 64 : algorithm.equals("sha512") ? 128 : -1;
        if (len < 0) {
            throw new FirmwareException(where + ": unknown digest algorithm " + algorithm + " (use sha256 or sha512)");
        }
        if (h.length() != len || !h.matches("[0-9a-f]+")) {
            throw new FirmwareException(where + ": " + algorithm + " must be " + len + " hex digits, got '" + hex + "'");
        }
        return new Checksum(algorithm, h);
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same algorithm's digest of a file. */
    public String digestOf(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
