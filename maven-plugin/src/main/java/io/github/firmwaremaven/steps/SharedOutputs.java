package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.trees.TreeCopy;
import io.github.firmwaremaven.trees.TreeDelete;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * How {@link StepMachine} shares a step's outputs through the {@link BuildCache}: an entry
 * {@code <kind>/<key>} holds {@code out/<i>} for the step's i-th output (a file or a tree) and
 * {@code manifest} (with {@code manifest.stat}, find's output for the cheap check) for all of them.
 * The key is the step's id and fingerprint, which name no path, so any board and any checkout with the same inputs finds it. Nothing else is in an entry, so a
 * restore gives exactly the bytes that building gives.
 */
final class SharedOutputs {
    /** Part of every key: a change of the entry layout makes old entries unreachable, not misread. */
    static final String FORMAT = "v2";
    static final String MANIFEST = "manifest";
    /** The directory of an entry shared in place. */
    static final String IN_PLACE = "tree";

    private final BuildCache cache;
    private final Manifest.Check check;

    SharedOutputs(BuildCache cache, Manifest.Check check) {
        this.cache = cache;
        this.check = check;
    }

    BuildCache cache() {
        return cache;
    }

    Manifest.Check check() {
        return check;
    }

    static String key(Step step, Fingerprint fingerprint) {
        return FORMAT + "-" + step.sharedName() + "-" + fingerprint.digest();
    }

    /**
     * Copies the step's outputs out of its entry; returns the entry, or null when there is none. An
     * entry that no longer matches its manifest is removed, with a warning naming the first path
     * that differs, and null is returned so that the step runs.
     */
    Path restore(Step step, Fingerprint fingerprint, BuildLog log) throws Exception {
        String kind = step.sharedKind();
        String key = key(step, fingerprint);
        Path entry = cache.lookup(kind, key);
        if (entry == null) {
            return null;
        }
        String difference = difference(entry, step.outputs().size());
        if (difference != null) {
            log.warn(step.id() + ": the build cache's copy of its outputs was changed after it was stored ("
                    + difference + "); removing " + entry + " and building it again");
            cache.discardIf(kind, key, e -> true);
            return null;
        }
        List<Path> outputs = step.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            restoreOne(entry.resolve("out").resolve(Integer.toString(i)), outputs.get(i));
        }
        return entry;
    }

    /** Offers the outputs of a step that just ran to every other build; an entry already there stays. */
    void publish(Step step, Fingerprint fingerprint) throws Exception {
        List<Path> outputs = step.outputs();
        cache.obtain(step.sharedKind(), key(step, fingerprint), dir -> {
            Path out = dir.resolve("out");
            Files.createDirectories(out);
            for (int i = 0; i < outputs.size(); i++) {
                Path from = outputs.get(i);
                Path to = out.resolve(Integer.toString(i));
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    TreeCopy.copy(from, to);
                } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(from, to);
                } else {
                    throw new FirmwareException("Step " + step.id() + ": output " + from
                            + " is neither a file nor a directory, so it cannot be shared");
                }
            }
            Manifest.record(out).write(dir.resolve(MANIFEST));
        });
    }

    /** The first difference between an entry and its manifest (checked as configured), or null. */
    String difference(Path entry, int outputs) throws IOException, InterruptedException {
        Path manifest = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "no manifest";
        }
        Path out = entry.resolve("out");
        for (int i = 0; i < outputs; i++) {
            if (!Files.exists(out.resolve(Integer.toString(i)), LinkOption.NOFOLLOW_LINKS)) {
                return "out/" + i + ": missing";
            }
        }
        String d = Manifest.firstDifference(manifest, out, check);
        return d == null ? null : "out/" + d;
    }

    /** Every entry's first difference under a full check, for verify-cache; null entries match. */
    static String verify(Path entry) throws IOException, InterruptedException {
        Path manifest = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        String content = Files.isDirectory(entry.resolve(IN_PLACE)) ? IN_PLACE : "out";
        try {
            String d = Manifest.firstDifference(manifest, entry.resolve(content), Manifest.Check.FULL);
            return d == null ? null : content + "/" + d;
        } catch (Manifest.FormatException e) {
            return MANIFEST + ": " + e.where(); // a damaged manifest damages its entry
        }
    }

    static boolean hasManifest(Path entry) {
        return Files.isRegularFile(entry.resolve(MANIFEST));
    }

    private static void restoreOne(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Path tmp = to.resolveSibling(to.getFileName() + ".restoring");
        TreeDelete.delete(tmp);
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            TreeCopy.copy(from, tmp);
            TreeDelete.delete(to);
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.copy(from, tmp);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
