package io.github.firmwaremaven.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an output was made from, kept beside it as {@code <output>.inputs}, so that a package-phase
 * goal whose inputs did not change leaves its output as it is. The stamp is removed before the
 * output is replaced and written after, so a run stopped in between rewrites the output next time.
 */
final class InputStamp {
    private InputStamp() {}

    /** Does {@code output} exist with exactly {@code stamp} recorded beside it? */
    static boolean matches(Path output, String stamp) throws IOException {
        Path file = of(output);
        return Files.isRegularFile(output) && Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(stamp);
    }

    static void remove(Path output) throws IOException {
        Files.deleteIfExists(of(output));
    }

    static void write(Path output, String stamp) throws IOException {
        Files.writeString(of(output), stamp, StandardCharsets.UTF_8);
    }

    private static Path of(Path output) {
        return output.resolveSibling(output.getFileName() + ".inputs");
    }
}
