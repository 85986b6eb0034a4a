package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.steps.FirmwareException;
import io.github.firmwaremaven.toolchain.SourceTrees;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * Adapts what fetch-sources prepared ({@code <buildArea>/sources.properties}: {@code <name>.tree},
 * {@code <name>.fingerprint}) to the toolchain core. Reads the file itself only because
 * fetch-sources' registry class is developed in parallel; once merged this becomes a delegation to
 * {@code fetching.SourceRegistry.read(buildArea)}.
 */
final class FetchedSourceTrees implements SourceTrees {
    private final Properties props = new Properties();

    FetchedSourceTrees(Path buildArea) throws IOException {
        Path file = buildArea.resolve("sources.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
        }
    }

    @Override
    public Path tree(String sourceName) throws FirmwareException {
        String t = props.getProperty(sourceName + ".tree");
        if (t == null || !Files.isDirectory(Paths.get(t))) {
            throw missing(sourceName);
        }
        return Paths.get(t);
    }

    @Override
    public String fingerprint(String sourceName) throws FirmwareException {
        String f = props.getProperty(sourceName + ".fingerprint");
        if (f == null) {
            throw missing(sourceName);
        }
        return f;
    }

    private static FirmwareException missing(String sourceName) {
        return new FirmwareException("The toolchain source '" + sourceName + "' has not been prepared: declare a "
                + "<source> named '" + sourceName + "' and run fetch-sources (it runs in generate-sources), or name "
                + "the right source in the toolchain's <source> element.");
    }
}
