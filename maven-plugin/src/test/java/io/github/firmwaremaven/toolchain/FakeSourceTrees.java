package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A board's sources as a test declares them: a source's tree is the directory of its name under one
 * root, its fingerprint and downloaded file are what the test put in the maps. Asking for a source the
 * test did not declare fails.
 */
final class FakeSourceTrees implements SourceTrees {
    final Map<String, String> fingerprints = new HashMap<>();
    final Map<String, Path> files = new HashMap<>();
    private final Path root;
    private final String version;

    FakeSourceTrees(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    @Override
    public Path tree(String sourceName) throws FirmwareException {
        Path p = root.resolve(sourceName);
        return declared(sourceName, Files.isDirectory(p) ? p : null);
    }

    @Override
    public String fingerprint(String sourceName) throws FirmwareException {
        return declared(sourceName, fingerprints.get(sourceName));
    }

    @Override
    public Path file(String sourceName) throws FirmwareException {
        return declared(sourceName, files.get(sourceName));
    }

    @Override
    public String version(String sourceName) {
        return version;
    }

    private static <T> T declared(String sourceName, T value) throws FirmwareException {
        if (value == null) {
            throw new FirmwareException("no source " + sourceName);
        }
        return value;
    }
}
