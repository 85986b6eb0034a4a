package io.github.firmwaremaven.trees;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a tree into another (the rootfs staging merge, install trees out of the build cache, edk2's
 * BaseTools) keeping links as links, and never writing through a link: when a directory of the
 * source meets a link already in the destination (one package's {@code bin -> usr/bin}, another's
 * {@code bin/}), the link is followed only while it stays inside the destination.
 */
public final class TreeCopy {
    private TreeCopy() {}

    /** Thrown when a directory of {@code from} would have to be written through a link leading out of {@code to}. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    public static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        TreePaths paths = new TreePaths(to);
        // Where each directory of `from` lands in `to`, links already followed.
        Map<Path, Path> placed = new HashMap<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                if (rel.toString().isEmpty()) {
                    placed.put(rel, paths.root());
                    return FileVisitResult.CONTINUE;
                }
                Path target = placed.get(rel.getParent() == null ? from.relativize(from) : rel.getParent())
                        .resolve(rel.getFileName().toString());
                if (Files.isSymbolicLink(target)) {
                    try {
                        target = paths.resolve(target, true);
                    } catch (TreePaths.Escape e) {
                        throw new Refused("Cannot copy " + dir + " into " + to + ": the destination's '"
                                + paths.root().relativize(target) + "' is a symbolic link that "
                                + e.getMessage().replaceFirst("^'[^']*' ", "")
                                + "; nothing is written through it");
                    }
                }
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    // A file (or a dangling link's target name) in the way fails here, as before.
                    Files.createDirectory(target);
                }
                placed.put(rel, target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                Path parent = placed.get(rel.getParent() == null ? from.relativize(from) : rel.getParent());
                Path target = parent.resolve(rel.getFileName().toString());
                // Deletes a link in the way rather than writing through it.
                Files.deleteIfExists(target);
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
