package io.github.firmwaremaven.signatures;

import io.github.firmwaremaven.errors.FirmwareException;
import java.util.Locale;

/**
 * Which bytes a detached signature covers. Upstreams differ: kernel.org signs the uncompressed tar
 * (one {@code .sign} for the .gz and .xz alike), GNU and busybox sign the compressed file as
 * published. Declared, not guessed: a signature that would verify either way is not a trust decision
 * the plugin should make alone.
 */
public enum SignedContent {
    /** The downloaded file, byte for byte (the default). */
    ARCHIVE,
    /** The downloaded file decompressed (.gz, .xz, .bz2, .zst), as kernel.org's .sign files. */
    UNCOMPRESSED;

    public static SignedContent parse(String source, String value) throws FirmwareException {
        if (value == null || value.isBlank()) {
            return ARCHIVE;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("archive") || v.equals("compressed")) {
            return ARCHIVE;
        }
        if (v.equals("uncompressed")) {
            return UNCOMPRESSED;
        }
        throw new FirmwareException("Source '" + source + "': <signatureCovers>" + value
                + "</signatureCovers> is not 'archive' (the file as downloaded) or 'uncompressed' (the tar inside, "
                + "as kernel.org's .sign files)");
    }
}
