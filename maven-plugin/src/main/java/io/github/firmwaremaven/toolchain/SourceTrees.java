package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Path;

/**
 * The extracted, patched sources a source-built toolchain needs, by the board's source names.
 * fetch-sources provides them; the mojo adapts its registry to this so the toolchain code needs
 * nothing else of it.
 */
public interface SourceTrees {
    /** The top directory of the extracted and patched source; throws when the board has no such source. */
    Path tree(String sourceName) throws FirmwareException;

    /** A digest of the source archive and its patches: enters the toolchain's fingerprint. */
    String fingerprint(String sourceName) throws FirmwareException;

    /**
     * The downloaded file of a source (a file source's placed file, else the archive in the download
     * cache): what crossgcc's tarballs are.
     */
    default Path file(String sourceName) throws FirmwareException {
        throw new FirmwareException("Source '" + sourceName + "' has no downloaded file here.");
    }

    /** The declared version of a source, or null. */
    default String version(String sourceName) {
        return null;
    }
}
