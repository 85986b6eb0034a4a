package io.github.firmwaremaven.trees;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves paths inside one tree the way the kernel would, one component at a time, but with the
 * tree as the whole world: a symbolic link is followed only while where it leads stays inside, so a
 * chain of links, a link through a link, a loop or {@code ..} after a link cannot reach out even when
 * each link looks harmless on its own. Every writer into a source tree (extraction, {@code <into>},
 * patches, tree copies) goes through here.
 */
public final class TreePaths {
    /** Links followed in one resolution before it counts as a loop (Linux's limit is 40). */
    private static final int MAX_LINKS = 40;

    /** A path that would need to leave the tree; the message names the link that leads out. */
    public static final class Escape extends Exception {
        private final String path;
        private final String link;

        Escape(String path, String link, String why) {
            super("'" + path + "' " + why);
            this.path = path;
            this.link = link;
        }

        /** The path asked for, relative to the tree. */
        public String path() {
            return path;
        }

        /** The symbolic link (relative to the tree) whose target leads out, or null for a plain '..'. */
        public String link() {
            return link;
        }
    }

    private final Path root;
    private final Path given;

    /** @param root the tree; made absolute and real (links above the tree are the caller's business). */
    public TreePaths(Path root) throws IOException {
        this.given = root.toAbsolutePath().normalize();
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /**
     * The place {@code relative} names inside the tree, with every symbolic link among its directories
     * followed (and the last component too when {@code followLast}). Components that do not exist are
     * taken as plain names. The result has no link among its parents.
     *
     * @throws Escape when a link target is absolute, a {@code ..} climbs above the tree, or links loop
     */
    public Path resolve(String relative, boolean followLast) throws Escape {
        return root.resolve(String.join("/", components(relative, followLast)));
    }

    /** Like {@link #resolve}, for a path given absolute or relative to the tree's root. */
    public Path resolve(Path path, boolean followLast) throws Escape {
        Path abs = path.isAbsolute() ? path.normalize() : root.resolve(path).normalize();
        Path base = abs.startsWith(root) ? root : abs.startsWith(given) ? given : null;
        if (base == null) {
            throw new Escape(path.toString(), null, "is not inside the tree " + root);
        }
        return resolve(base.relativize(abs).toString(), followLast);
    }

    private List<String> components(String relative, boolean followLast) throws Escape {
        if (relative.startsWith("/")) {
            throw new Escape(relative, null, "is absolute");
        }
        List<String> done = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(split(relative));
        String via = null;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (done.isEmpty()) {
                    throw new Escape(relative, via, via == null ? "climbs above the tree with '..'"
                            : "leads above the tree through the symbolic link '" + via + "'");
                }
                done.remove(done.size() - 1);
                continue;
            }
            Path here = root.resolve(String.join("/", done)).resolve(c);
            if ((todo.isEmpty() && !followLast) || !Files.isSymbolicLink(here)) {
                done.add(c);
                continue;
            }
            String linkName = done.isEmpty() ? c : String.join("/", done) + "/" + c;
            if (++links > MAX_LINKS) {
                throw new Escape(relative, linkName, "runs through more than " + MAX_LINKS
                        + " symbolic links (a loop at '" + linkName + "')");
            }
            String target;
            try {
                target = Files.readSymbolicLink(here).toString();
            } catch (IOException e) {
                throw new Escape(relative, linkName, "runs through the unreadable link '" + linkName + "'");
            }
            via = linkName;
            if (target.startsWith("/")) {
                throw new Escape(relative, linkName, "runs through the symbolic link '" + linkName + "' to the "
                        + "absolute path " + target);
            }
            List<String> expanded = split(target);
            for (int i = expanded.size() - 1; i >= 0; i--) {
                todo.addFirst(expanded.get(i));
            }
        }
        return done;
    }

    private static List<String> split(String path) {
        return List.of(path.replace('\\', '/').split("/"));
    }

    /**
     * Makes the directory {@code relative} names (and its parents), following only links that stay
     * inside; returns it. A component that is a file fails as {@link Files#createDirectory} does.
     */
    public Path createDirectories(String relative) throws Escape, IOException {
        Path dir = resolve(relative, true);
        Path p = root;
        for (Path part : root.relativize(dir)) {
            p = p.resolve(part.toString());
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
        return dir;
    }

    /**
     * The place to write a file named {@code relative}: its directory resolved (links inside
     * followed), the name itself not followed, so a writer that replaces what is there never writes
     * through a link.
     */
    public Path forWriting(String relative) throws Escape {
        return resolve(relative, false);
    }

    /**
     * Checks every symbolic link under the tree: each must resolve inside it. Returns the first that
     * does not, as an Escape naming it, or null when all stay inside.
     */
    public Escape firstEscapingLink() throws IOException {
        Escape[] found = {null};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    found[0] = check(file);
                }
                return found[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }
        });
        return found[0];
    }

    /** Null when the link (or file) at {@code path} resolves inside the tree, else why not. */
    public Escape check(Path path) {
        try {
            resolve(path, true);
            return null;
        } catch (Escape e) {
            return e;
        }
    }
}
