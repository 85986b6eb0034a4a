package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.processes.ShortCommand;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a shared output held when it was stored: every path with its type, mode, size and content
 * digest, and the stat fields (modification and change time, inode) that make the cheap check.
 * An edit in the cache changes at least the change time, even when {@code touch -r} puts the
 * modification time back, so the cheap check catches it without reading a byte.
 *
 * <p>The stat fields come from one {@code find -printf} over the tree: for the 80,000 entries of a
 * Linux tree it takes a third of a second, where walking the tree from Java with a second stat for
 * the change time took two to five times as long.
 */
public final class Manifest {
    /** One path below the root; times as find prints them (seconds with ten decimals). */
    record Item(String path, String type, String mode, long size, String content, String mtime, String ctime,
            String inode) {}

    private static final String HEADER = "firmware-manifest 2";
    // type, mode, size, mtime, ctime, inode, path, link target: NUL-separated, as names may hold anything.
    private static final String FIND_FORMAT = "%y\\0%m\\0%s\\0%T@\\0%C@\\0%i\\0%P\\0%l\\0";
    private static final int FIELDS = 8;

    /** What one find over a tree printed: by path, and the digest of the whole output. */
    private record Stat(Map<String, Item> items, String digest) {}

    private final List<Item> items;
    /** The digest of find's output when recorded: equal output means nothing changed, without reading this file. */
    private final String statDigest;

    private Manifest(List<Item> items, String statDigest) {
        this.items = List.copyOf(items);
        this.statDigest = statDigest;
    }

    /** How closely a tree is compared with its manifest. */
    public enum Check {
        /** Types, modes, sizes, link targets and stat fields: no file is read. */
        CHEAP,
        /** Types, modes, sizes, link targets and every file's digest (not the times: content decides). */
        FULL
    }

    public int size() {
        return items.size();
    }

    /** Records the directory {@code root} as it is now. */
    public static Manifest record(Path root) throws IOException, InterruptedException {
        Stat stat = stat(root);
        List<Item> sorted = new ArrayList<>(new TreeMap<>(stat.items()).values());
        List<String> digests = digests(root, sorted);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Item s = sorted.get(i);
            items.add(new Item(s.path(), s.type(), s.mode(), s.size(), s.type().equals("f") ? digests.get(i)
                    : s.content(), s.mtime(), s.ctime(), s.inode()));
        }
        return new Manifest(items, stat.digest());
    }

    /**
     * The first way the directory {@code root} differs from the manifest in {@code file}, or null when
     * it matches. The cheap check reads only the manifest's first line when nothing changed.
     */
    public static String firstDifference(Path file, Path root, Check check) throws IOException, InterruptedException {
        if (check == Check.CHEAP) {
            String header;
            try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                header = r.readLine();
            }
            Stat now = stat(root);
            if (header != null && header.equals(HEADER + " " + now.digest())) {
                return null;
            }
            return read(file).compare(now, root, check);
        }
        return read(file).firstDifference(root, check);
    }

    /** The first way {@code root} differs from this manifest (in path order), or null when it matches. */
    public String firstDifference(Path root, Check check) throws IOException, InterruptedException {
        return compare(stat(root), root, check);
    }

    private String compare(Stat stat, Path root, Check check) throws IOException, InterruptedException {
        Map<String, Item> present = new HashMap<>(stat.items());
        List<String> digests = check == Check.FULL ? digests(root, items) : null;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Item now = present.remove(item.path());
            if (now == null) {
                return item.path() + ": missing";
            }
            if (!now.type().equals(item.type())) {
                return item.path() + ": was a " + typeName(item.type()) + ", is a " + typeName(now.type());
            }
            if (!now.mode().equals(item.mode())) {
                return item.path() + ": mode " + now.mode() + ", stored " + item.mode();
            }
            if (item.type().equals("l")) {
                if (!now.content().equals(item.content())) {
                    return item.path() + ": link to " + now.content() + ", stored " + item.content();
                }
                continue;
            }
            if (!item.type().equals("f")) {
                continue;
            }
            if (now.size() != item.size()) {
                return item.path() + ": " + now.size() + " bytes, stored " + item.size();
            }
            if (check == Check.FULL) {
                if (!digests.get(i).equals(item.content())) {
                    return item.path() + ": content changed (sha256 " + digests.get(i) + ", stored " + item.content()
                            + ")";
                }
            } else if (!now.mtime().equals(item.mtime()) || !now.ctime().equals(item.ctime())
                    || !now.inode().equals(item.inode())) {
                return item.path() + ": changed since it was stored (modification time, change time or inode)";
            }
        }
        if (!present.isEmpty()) {
            return new TreeMap<>(present).firstKey() + ": not stored, added later";
        }
        return null;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + " " + statDigest + "\n");
            for (Item i : items) {
                w.write(String.join("\t", i.type(), i.mode(), Long.toString(i.size()), escape(i.content()), i.mtime(),
                        i.ctime(), i.inode(), escape(i.path())) + "\n");
            }
        }
    }

    public static Manifest read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER + " ")) {
            throw new IOException(file + " is not a manifest this version writes");
        }
        List<Item> items = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw new IOException(file + ": malformed line '" + line + "'");
            }
            items.add(new Item(unescape(f[7]), f[0], f[1], Long.parseLong(f[2]), unescape(f[3]), f[4], f[5], f[6]));
        }
        return new Manifest(items, lines.get(0).substring(HEADER.length() + 1));
    }

    /** Path to its stat fields (content: the link target for links, else empty), links not followed. */
    private static Stat stat(Path root) throws IOException, InterruptedException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        ShortCommand.Result r = ShortCommand.of("find", root.toString(), "-mindepth", "1", "-printf", FIND_FORMAT)
                .set("LC_ALL", "C").run();
        if (!r.ok()) {
            throw new IOException("find " + root + " failed (exit " + r.exitCode() + "): " + r.firstLine());
        }
        String[] f = r.output().split("\0", -1);
        Map<String, Item> items = new HashMap<>(f.length / FIELDS * 2);
        for (int i = 0; i + FIELDS <= f.length; i += FIELDS) {
            items.put(f[i + 6], new Item(f[i + 6], f[i], f[i + 1], Long.parseLong(f[i + 2]), f[i + 7], f[i + 3],
                    f[i + 4], f[i + 5]));
        }
        return new Stat(items, Digests.sha256(r.output()));
    }

    /** The digests of the regular files among {@code items} (null for the rest), hashed on every core. */
    private static List<String> digests(Path root, List<Item> items) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Item i : items) {
                futures.add(i.type().equals("f") ? pool.submit(() -> Digests.sha256(root.resolve(i.path()))) : null);
            }
            List<String> digests = new ArrayList<>();
            for (Future<String> f : futures) {
                try {
                    digests.add(f == null ? null : f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // A file that vanished or cannot be read: no digest, so it differs.
                    digests.add("unreadable: " + e.getCause());
                }
            }
            return digests;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String typeName(String type) {
        switch (type) {
            case "l":
                return "symbolic link";
            case "d":
                return "directory";
            case "f":
                return "file";
            default:
                return "special file";
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
