package io.github.firmwaremaven.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Source trees that stand in for the real ones: a directory whose Makefile a test writes. */
public final class StandInTrees {
    private StandInTrees() {}

    /** Makes {@code directory} (and its parents) with a Makefile of these lines; returns the directory. */
    public static Path withMakefile(Path directory, String... lines) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("Makefile"), String.join("\n", lines) + "\n");
        return directory;
    }
}
