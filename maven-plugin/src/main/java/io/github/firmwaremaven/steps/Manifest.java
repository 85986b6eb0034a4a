package io.github.firmwaremaven.steps;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a shared output held when it was stored: every path with its type, mode, size and content
 * digest, and the stat fields (modification and change time, inode) that make the cheap check.
 * An edit in the cache changes at least the change time, even when {@code touch -r} puts the
 * modification time back, so the cheap check catches it without reading a byte.
 */
public final class Manifest {
    /** One path below the root. */
    record Item(String path, char type, int mode, long size, String content, long mtime, long ctime, long inode) {}

    private final List<Item> items;

    private Manifest(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** How closely a tree is compared with its manifest. */
    public enum Check {
        /** Types, modes, sizes and stat fields: no file is read. */
        CHEAP,
        /** Also every file's digest. */
        FULL
    }

    /** Records {@code root}'s tree as it is now. */
    public static Manifest record(Path root) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, Path> e : walk(root).entrySet()) {
            Path p = e.getValue();
            Map<String, Object> a = stat(p);
            char type = type(p);
            String content = type == 'f' ? Digests.sha256(p) : type == 'l' ? Files.readSymbolicLink(p).toString() : "";
            items.add(new Item(e.getKey(), type, mode(a), type == 'f' ? (Long) a.get("size") : 0, content,
                    nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), ((Number) a.get("ino")).longValue()));
        }
        return new Manifest(items);
    }

    /** The first way {@code root} differs from this manifest, or null when it matches. */
    public String firstDifference(Path root, Check check) throws IOException {
        Map<String, Path> present = walk(root);
        for (Item item : items) {
            Path p = present.remove(item.path());
            if (p == null) {
                return item.path() + ": missing";
            }
            char type = type(p);
            if (type != item.type()) {
                return item.path() + ": was a " + typeName(item.type()) + ", is a " + typeName(type);
            }
            Map<String, Object> a = stat(p);
            if (mode(a) != item.mode()) {
                return item.path() + ": mode " + Integer.toOctalString(mode(a)) + ", stored "
                        + Integer.toOctalString(item.mode());
            }
            if (type == 'l') {
                String target = Files.readSymbolicLink(p).toString();
                if (!target.equals(item.content())) {
                    return item.path() + ": link to " + target + ", stored " + item.content();
                }
                continue;
            }
            if (type != 'f') {
                continue;
            }
            long size = (Long) a.get("size");
            if (size != item.size()) {
                return item.path() + ": " + size + " bytes, stored " + item.size();
            }
            if (check == Check.FULL) {
                String digest = Digests.sha256(p);
                if (!digest.equals(item.content())) {
                    return item.path() + ": content changed (sha256 " + digest + ", stored " + item.content() + ")";
                }
            } else if (nanos(a.get("lastModifiedTime")) != item.mtime() || nanos(a.get("ctime")) != item.ctime()
                    || ((Number) a.get("ino")).longValue() != item.inode()) {
                return item.path() + ": changed since it was stored (modification time, change time or inode)";
            }
        }
        if (!present.isEmpty()) {
            return present.keySet().iterator().next() + ": not stored, added later";
        }
        return null;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("firmware-manifest 1\n");
            for (Item i : items) {
                w.write(i.type() + "\t" + Integer.toOctalString(i.mode()) + "\t" + i.size() + "\t" + escape(i.content())
                        + "\t" + i.mtime() + "\t" + i.ctime() + "\t" + i.inode() + "\t" + escape(i.path()) + "\n");
            }
        }
    }

    public static Manifest read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("firmware-manifest 1")) {
            throw new IOException(file + " is not a manifest this version writes");
        }
        List<Item> items = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != 8 || f[0].length() != 1) {
                throw new IOException(file + ": malformed line '" + line + "'");
            }
            items.add(new Item(unescape(f[7]), f[0].charAt(0), Integer.parseInt(f[1], 8), Long.parseLong(f[2]),
                    unescape(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6])));
        }
        return new Manifest(items);
    }

    /** Sorted relative paths (with '/' separators) of everything below {@code root}, links not followed. */
    private static Map<String, Path> walk(Path root) throws IOException {
        Map<String, Path> paths = new TreeMap<>();
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            paths.put(".", root);
            return paths;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> paths.put(root.relativize(p).toString(), p));
        }
        return paths;
    }

    private static Map<String, Object> stat(Path p) throws IOException {
        return Files.readAttributes(p, "unix:mode,size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static char type(Path p) {
        if (Files.isSymbolicLink(p)) {
            return 'l';
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return 'd';
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? 'f' : 'o';
    }

    private static String typeName(char type) {
        switch (type) {
            case 'l':
                return "symbolic link";
            case 'd':
                return "directory";
            case 'f':
                return "file";
            default:
                return "special file";
        }
    }

    private static int mode(Map<String, Object> a) {
        return ((Integer) a.get("mode")) & 07777;
    }

    private static long nanos(Object time) {
        FileTime t = (FileTime) time;
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
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
