package io.github.firmwaremaven.patching;

import io.github.firmwaremaven.steps.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The patches of one source, in the order they apply: {@code <dir>/<source>/<version>/*.patch} if
 * that directory exists, else {@code <dir>/<source>/*.patch}, for the board's patch directory first
 * and then each global patch directory (Buildroot's layout). Within a directory, by name.
 */
public final class PatchSet {
    private final List<Path> patches;

    private PatchSet(List<Path> patches) {
        this.patches = List.copyOf(patches);
    }

    public static PatchSet find(String source, String version, List<Path> patchDirs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : patchDirs) {
            if (dir == null) {
                continue;
            }
            Path perSource = dir.resolve(source);
            Path perVersion = version == null ? null : perSource.resolve(version);
            Path chosen = perVersion != null && Files.isDirectory(perVersion) ? perVersion : perSource;
            if (!Files.isDirectory(chosen)) {
                continue;
            }
            try (Stream<Path> s = Files.list(chosen)) {
                s.filter(p -> p.getFileName().toString().endsWith(".patch") && Files.isRegularFile(p))
                        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .forEach(found::add);
            }
        }
        return new PatchSet(found);
    }

    public List<Path> patches() {
        return patches;
    }

    public boolean isEmpty() {
        return patches.isEmpty();
    }

    /** Names and contents, in order: part of the patched tree's fingerprint. */
    public List<String> fingerprintLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : patches) {
            lines.add("patch:" + p.getParent().getFileName() + "/" + p.getFileName() + "=" + Digests.sha256(p));
        }
        return lines;
    }
}
