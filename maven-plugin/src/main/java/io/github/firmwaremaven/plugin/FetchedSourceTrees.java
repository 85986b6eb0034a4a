package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.steps.FirmwareException;
import io.github.firmwaremaven.toolchain.SourceTrees;
import java.io.IOException;
import java.nio.file.Path;

/** Hands what fetch-sources prepared to the toolchain core, which needs only trees and fingerprints. */
final class FetchedSourceTrees implements SourceTrees {
    private final SourceRegistry registry;

    FetchedSourceTrees(Path buildArea) throws IOException {
        this.registry = SourceRegistry.read(buildArea);
    }

    @Override
    public Path tree(String sourceName) throws FirmwareException {
        return registry.tree(sourceName);
    }

    @Override
    public String fingerprint(String sourceName) throws FirmwareException {
        return registry.fingerprint(sourceName);
    }
}
