package io.github.firmwaremaven.board;

import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.toolchain.SourceTrees;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hands what fetch-sources prepared to the toolchain core, which needs only trees and fingerprints. */
public final class RegistrySourceTrees implements SourceTrees {
    private final SourceRegistry registry;

    RegistrySourceTrees(SourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Path tree(String sourceName) throws FirmwareException {
        return registry.tree(sourceName);
    }

    @Override
    public String fingerprint(String sourceName) throws FirmwareException {
        return registry.fingerprint(sourceName);
    }

    @Override
    public Path file(String sourceName) throws FirmwareException {
        registry.fingerprint(sourceName); // fails with fetch-sources' advice when the source is unknown
        Path file = "file".equals(registry.property(sourceName, "kind")) ? registry.file(sourceName)
                : registry.archive(sourceName);
        if (file == null || !Files.isRegularFile(file)) {
            throw new FirmwareException("Source '" + sourceName + "' has no downloaded file"
                    + (file == null ? "" : " (" + file + " is gone, perhaps pruned from the cache)")
                    + ": a git source or a local override cannot serve as a tarball; run mvn firmware:fetch-sources "
                    + "for a downloaded one.");
        }
        return file;
    }

    @Override
    public String version(String sourceName) {
        return registry.property(sourceName, "version");
    }
}
