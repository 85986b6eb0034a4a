package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.trees.TreeDelete;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Expensive results kept outside {@code target/} so that {@code mvn clean} does not cost an hour:
 * {@code <root>/<kind>/<key>/}. An entry appears only complete (built in a temporary directory, then
 * renamed). {@code <kind>/<key>.used} beside the entry tells {@link #prune} what is stale: kept
 * outside, so that no bookkeeping file is ever copied out with the entry (a marker inside was once
 * restored into a rootfs and packed into the ROM).
 */
public final class BuildCache {
    /** One cached result. */
    public record Entry(String kind, String key, Path directory, long bytes, Instant lastUsed) {}

    /** Fills a fresh directory with the result. */
    @FunctionalInterface
    public interface Producer {
        void produce(Path directory) throws Exception;
    }

    private static final String USED_SUFFIX = ".used";
    private final Path root;

    public BuildCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * The entry for {@code kind}/{@code key}, producing it first if absent. Concurrent builds wait for
     * one producer; a producer that fails or is killed leaves only a temporary directory behind, which
     * the next producer removes.
     */
    public Path obtain(String kind, String key, Producer producer) throws Exception {
        if (!kind.matches("[a-z0-9-]+") || !key.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("bad cache kind or key: " + kind + "/" + key);
        }
        Path kindDir = root.resolve(kind);
        Path entry = kindDir.resolve(key);
        if (Files.isDirectory(entry)) {
            touch(entry);
            return entry;
        }
        Files.createDirectories(kindDir);
        try (PathLocks.Held lock = PathLocks.acquire(kindDir.resolve(key + ".lock"))) {
            if (Files.isDirectory(entry)) {
                touch(entry);
                return entry;
            }
            try (Stream<Path> leftovers = Files.list(kindDir)) {
                for (Path p : (Iterable<Path>) leftovers::iterator) {
                    if (p.getFileName().toString().startsWith(key + ".tmp-")) {
                        deleteTree(p);
                    }
                }
            }
            Path tmp = kindDir.resolve(key + ".tmp-" + UUID.randomUUID());
            Files.createDirectories(tmp);
            try {
                producer.produce(tmp);
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
                touch(entry);
            } catch (Exception | Error e) {
                deleteTree(tmp);
                throw e;
            }
            return entry;
        }
    }

    /**
     * Removes the entry when {@code damaged} says so (a shared tree emptied by hand or by a tool that
     * followed a symbolic link into it), so the next {@link #obtain} produces it again instead of
     * handing out a broken entry forever. Returns whether it removed it.
     */
    public boolean discardIf(String kind, String key, java.util.function.Predicate<Path> damaged) throws Exception {
        Path kindDir = root.resolve(kind);
        Path entry = kindDir.resolve(key);
        if (!Files.isDirectory(entry) || !damaged.test(entry)) {
            return false;
        }
        try (PathLocks.Held lock = PathLocks.acquire(kindDir.resolve(key + ".lock"))) {
            if (!Files.isDirectory(entry) || !damaged.test(entry)) {
                return false;
            }
            // Renamed first so no reader sees it half-deleted; obtain() removes the leftover.
            Path aside = kindDir.resolve(key + ".tmp-damaged-" + UUID.randomUUID());
            Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
            return true;
        }
    }

    /** The entry if present (and marks it used), else null. */
    public Path lookup(String kind, String key) throws IOException {
        Path entry = root.resolve(kind).resolve(key);
        if (Files.isDirectory(entry)) {
            touch(entry);
            return entry;
        }
        return null;
    }

    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> kinds = Files.list(root)) {
            for (Path kindDir : (Iterable<Path>) kinds.sorted()::iterator) {
                if (!Files.isDirectory(kindDir)) {
                    continue;
                }
                try (Stream<Path> keys = Files.list(kindDir)) {
                    for (Path e : (Iterable<Path>) keys.sorted()::iterator) {
                        String name = e.getFileName().toString();
                        if (!Files.isDirectory(e) || name.contains(".tmp-")) {
                            continue;
                        }
                        Path marker = kindDir.resolve(name + USED_SUFFIX);
                        Instant used = Files.exists(marker) ? Files.getLastModifiedTime(marker).toInstant()
                                : Files.getLastModifiedTime(e).toInstant();
                        entries.add(new Entry(kindDir.getFileName().toString(), name, e, size(e), used));
                    }
                }
            }
        }
        return entries;
    }

    /** Removes entries not used since {@code cutoff}; returns them. */
    public List<Entry> prune(Instant cutoff) throws IOException {
        List<Entry> removed = new ArrayList<>();
        for (Entry e : list()) {
            if (e.lastUsed().isBefore(cutoff)) {
                try (PathLocks.Held lock = PathLocks.acquire(root.resolve(e.kind()).resolve(e.key() + ".lock"))) {
                    // Rename first so that a reader never sees a half-deleted entry.
                    Path doomed = e.directory().resolveSibling(e.key() + ".tmp-prune-" + UUID.randomUUID());
                    Files.move(e.directory(), doomed, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(doomed);
                    Files.deleteIfExists(e.directory().resolveSibling(e.key() + USED_SUFFIX));
                }
                removed.add(e);
            }
        }
        return removed;
    }

    private static void touch(Path entry) throws IOException {
        Path marker = entry.resolveSibling(entry.getFileName() + USED_SUFFIX);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
    }

    private static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    public static void deleteTree(Path dir) throws IOException {
        TreeDelete.delete(dir);
    }
}
