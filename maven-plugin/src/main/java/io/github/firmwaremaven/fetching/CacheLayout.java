package io.github.firmwaremaven.fetching;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the download cache keeps what (layout version 1, everything below {@code <root>/v1/}):
 *
 * <pre>
 * v1/&lt;algorithm&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/&lt;fileName&gt;          a pinned file, keyed by its pin
 * v1/&lt;algorithm&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/&lt;fileName&gt;.verified the cheap-check record beside it
 * v1/signatures/&lt;algorithm&gt;-&lt;hex&gt;/&lt;signature file&gt;      the detached signature of that pinned file
 * v1/unverified/&lt;k[0:2]&gt;/&lt;k&gt;/&lt;fileName&gt;               an unpinned file, k = sha256 of its URL and name
 * v1/quarantine/&lt;algorithm&gt;-&lt;actual hex&gt;/&lt;fileName&gt;    a download or cached file that did not match its pin
 * v1/.locks/&lt;key&gt;.lock
 * </pre>
 *
 * The key is the pin, not the file name, so any number of sources may share a file name (GitHub's
 * {@code archive/v1.0.tar.gz}) and a wrong pin can only ever write under its own key. Unverified
 * files live in their own tree so that no URL digest can ever be taken for a pin.
 */
final class CacheLayout {
    static final String VERSION = "v1";

    private final Path root;

    CacheLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path versionRoot() {
        return root.resolve(VERSION);
    }

    /** The directory of one source's entry. */
    Path entryDir(SourceSpec spec) {
        String key = key(spec);
        int dash = key.indexOf('-');
        String group = key.substring(0, dash);
        String hex = key.substring(dash + 1);
        return versionRoot().resolve(group).resolve(hex.substring(0, 2)).resolve(hex);
    }

    Path file(SourceSpec spec) {
        return entryDir(spec).resolve(spec.fileName());
    }

    Path quarantine(String algorithm, String actualHex, String fileName) {
        return versionRoot().resolve("quarantine").resolve(algorithm + "-" + actualHex).resolve(fileName);
    }

    /** The detached signature of a pinned source, keyed by the pin of the file it signs. */
    Path signature(SourceSpec spec) {
        return versionRoot().resolve("signatures").resolve(key(spec)).resolve(spec.signatureFileName());
    }

    Path quarantineRoot() {
        return versionRoot().resolve("quarantine");
    }

    Path lockFile(SourceSpec spec) {
        return versionRoot().resolve(".locks").resolve(key(spec) + ".lock");
    }

    /** Where the layout before v1 kept the file: {@code <root>/<fileName>}. */
    Path legacyFile(SourceSpec spec) {
        return root.resolve(spec.fileName());
    }

    /** {@code <algorithm>-<hex>} for a pinned source, {@code unverified-<sha256 of URL and name>} else. */
    static String key(SourceSpec spec) {
        if (spec.checksum() != null) {
            return spec.checksum().algorithm() + "-" + spec.checksum().hex();
        }
        // The first URL names the upstream file; the file name is in too because <fileName> may rename it.
        String what = (spec.urls().isEmpty() ? "" : spec.urls().get(0)) + "\n" + spec.fileName();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return "unverified-" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
