package io.github.firmwaremaven.artifacts;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.steps.DigestMemo;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The outputs goals produced, kept in {@code target/firmware/outputs.properties} so that any later
 * goal (in this build or a later {@code mvn} call) can attach them and choose the main artifact.
 * Each entry carries the number of the build that recorded it ({@link #beginBuild}), so a build that
 * skipped a goal publishes only what it made itself, never an earlier build's file.
 */
public final class OutputRegistry {
    private final Path file;

    public OutputRegistry(Path firmwareDir) {
        this.file = firmwareDir.resolve("outputs.properties");
    }

    private static final String BUILD = "build";

    /** Starts a new build: what is recorded from now on belongs to it. Returns its number. */
    public int beginBuild() throws IOException {
        Files.createDirectories(file.getParent());
        try (PathLocks.Held lock = PathLocks.acquire(file.resolveSibling("outputs.lock"))) {
            Properties p = load();
            int next = build(p) + 1;
            p.setProperty(BUILD, Integer.toString(next));
            AtomicFiles.store(file, p, null);
            return next;
        }
    }

    public void record(Output output) throws IOException {
        Files.createDirectories(file.getParent());
        try (PathLocks.Held lock = PathLocks.acquire(file.resolveSibling("outputs.lock"))) {
            Properties p = load();
            p.setProperty(output.kind().name() + ":" + output.classifier(),
                    output.extension() + "|" + build(p) + "|" + output.file().toAbsolutePath());
            AtomicFiles.store(file, p, null);
        }
    }

    private static int build(Properties p) {
        try {
            return Integer.parseInt(p.getProperty(BUILD, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Outputs recorded by the current build ({@link #beginBuild}), in a stable order. */
    public List<Output> outputsOfThisBuild() throws IOException {
        return outputs(true);
    }

    /**
     * Outputs whose files still exist, in a stable order. A path recorded under another checkout's
     * {@code target/firmware} (the directory was copied or moved) is looked up at the same place under
     * this one; a kind this version does not know (an older plugin's file) is left out.
     */
    public List<Output> outputs() throws IOException {
        return outputs(false);
    }

    private List<Output> outputs(boolean thisBuildOnly) throws IOException {
        Properties p = load();
        String current = Integer.toString(build(p));
        List<Output> result = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            int colon = key.indexOf(':');
            String value = p.getProperty(key);
            int bar = value.indexOf('|');
            if (colon < 0 || bar < 0) {
                continue;
            }
            // ext|build|path; an older plugin wrote ext|path, which belongs to no current build
            int second = value.indexOf('|', bar + 1);
            String recordedBy = second > bar && value.substring(bar + 1, second).matches("[0-9]+")
                    ? value.substring(bar + 1, second) : null;
            if (thisBuildOnly && !current.equals(recordedBy)) {
                continue;
            }
            String recordedPath = value.substring(recordedBy == null ? bar + 1 : second + 1);
            ArtifactKind kind;
            try {
                kind = ArtifactKind.valueOf(key.substring(0, colon));
            } catch (IllegalArgumentException e) {
                continue;
            }
            Path path = relocate(file.getParent(), Paths.get(recordedPath));
            if (Files.isRegularFile(path)) {
                result.add(new Output(kind, key.substring(colon + 1), value.substring(0, bar), path));
            }
        }
        return result;
    }

    static Path relocate(Path firmwareDir, Path recorded) {
        Path dir = firmwareDir.toAbsolutePath().normalize();
        if (recorded.startsWith(dir) || Files.isRegularFile(recorded) && !isUnderAnyFirmwareDir(recorded)) {
            return recorded;
        }
        for (int i = recorded.getNameCount() - 2; i >= 1; i--) {
            if (recorded.getName(i).toString().equals("firmware") && recorded.getName(i - 1).toString().equals("target")) {
                Path moved = dir.resolve(recorded.subpath(i + 1, recorded.getNameCount()).toString());
                return Files.isRegularFile(moved) ? moved : recorded;
            }
        }
        return recorded;
    }

    private static boolean isUnderAnyFirmwareDir(Path p) {
        for (int i = 1; i < p.getNameCount(); i++) {
            if (p.getName(i).toString().equals("firmware") && p.getName(i - 1).toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    /** The output that becomes the main artifact, if any. */
    public static Optional<Output> main(List<Output> outputs) {
        return outputs.stream()
                .filter(o -> o.kind().mainPriority() > 0 && o.classifier().equals(o.kind().classifier()))
                .min(Comparator.comparingInt((Output o) -> o.kind().mainPriority()));
    }

    /** Writes {@code sha256  classifier.extension  path} lines for every output; returns the file. */
    public Path writeHashes(List<Output> outputs, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("# sha256 of every artifact this board publishes\n");
        // Every package-phase goal rewrites this file; re-hashing a 150 MB legal-info bundle each time
        // made a no-op build seconds slower.
        DigestMemo memo = new DigestMemo(file.resolveSibling("state").resolve("output-digests.properties"));
        for (Output o : outputs) {
            if (o.kind() == ArtifactKind.HASHES) {
                continue;
            }
            sb.append(memo.sha256(o.file())).append("  ").append(o.classifier()).append('.')
                    .append(o.extension()).append('\n');
        }
        memo.save();
        AtomicFiles.writeString(target, sb.toString());
        return target;
    }

    private Properties load() throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }
}
