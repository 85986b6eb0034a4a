package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.processes.ShortCommand;
import io.github.firmwaremaven.trees.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a shared output held when it was stored: every path with its type, mode, size and content
 * digest, and the stat fields (modification and change time, inode) that make the cheap check.
 * An edit in the cache changes at least the change time, even when {@code touch -r} puts the
 * modification time back, so the cheap check catches it without reading a byte.
 *
 * <p>The stat fields come from one {@code find -printf} over the tree: for the 80,000 entries of a
 * Linux tree it takes a third of a second, where walking the tree from Java with a second stat for
 * the change time took two to five times as long. The manifest's first line holds the digest of
 * find's output, so when nothing changed the cheap check reads that line, digests find's bytes as
 * they arrive, and parses nothing.
 *
 * <p>Names are kept as the file system's bytes (see {@link RawNames}): tabs, newlines and bytes
 * that are not UTF-8 survive the manifest, which escapes them.
 */
public final class Manifest {
    /** One path below the root; times as find prints them (seconds with ten decimals). */
    record Item(String path, char type, String mode, long size, String content, String mtime, String ctime,
            String inode) {}

    private static final String HEADER = "firmware-manifest 2";
    // type, mode, size, mtime, ctime, inode, path, link target: NUL-separated, as names may hold anything.
    private static final String FIND_FORMAT = "%y\\0%m\\0%s\\0%T@\\0%C@\\0%i\\0%P\\0%l\\0";
    private static final int FIND_FIELDS = 8;
    private static final int LINE_FIELDS = 8;

    private final List<Item> items;
    /** The digest of find's output when recorded: equal output means nothing changed, without reading this file. */
    private final String statDigest;

    /** find's output when recorded (null when read back): kept beside the manifest for the cheap check. */
    private final byte[] listing;

    private Manifest(List<Item> items, String statDigest, byte[] listing) {
        this.items = List.copyOf(items);
        this.statDigest = statDigest;
        this.listing = listing;
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
        Listing listing = Listing.of(root, true);
        List<Item> sorted = listing.items();
        sorted.sort(Comparator.comparing(Item::path));
        List<Item> items = new ArrayList<>(sorted.size());
        try (Hashes hashes = Hashes.start(root, sorted)) {
            for (int i = 0; i < sorted.size(); i++) {
                Item s = sorted.get(i);
                items.add(s.type() == 'f' ? new Item(s.path(), s.type(), s.mode(), s.size(), hashes.digest(i),
                        s.mtime(), s.ctime(), s.inode()) : s);
            }
        }
        return new Manifest(items, listing.digest(), listing.bytes());
    }

    /**
     * The first way the directory {@code root} differs from the manifest in {@code file}, or null when
     * it matches. The cheap check reads only the manifest's first line when nothing changed; the full
     * one starts hashing the files the manifest names (largest first, on every core) while find walks
     * the tree.
     */
    public static String firstDifference(Path file, Path root, Check check) throws IOException, InterruptedException {
        if (check == Check.CHEAP) {
            Path listingFile = listingFile(file);
            Listing now;
            if (Files.isRegularFile(listingFile)) {
                byte[] then = Files.readAllBytes(listingFile);
                now = Listing.of(root, false);
                if (Arrays.equals(then, now.bytes())) {
                    return null;
                }
            } else {
                // Written before the listing was kept: its digest is in the header.
                String header = header(file);
                now = Listing.of(root, true);
                if (header.equals(HEADER + " " + now.digest())) {
                    keepListing(listingFile, now); // so that the next check compares bytes
                    return null;
                }
            }
            String difference = compare(Reader.open(file), now, null);
            if (difference == null) {
                keepListing(listingFile, now);
            }
            return difference;
        }
        Manifest stored = read(file);
        Path listingFile = listingFile(file);
        byte[] then = Files.isRegularFile(listingFile) ? Files.readAllBytes(listingFile) : null;
        try (Hashes hashes = Hashes.start(root, stored.items)) {
            Listing now = Listing.of(root, false);
            if (then != null && Arrays.equals(then, now.bytes())) {
                return hashes.firstContentDifference(); // every path, type, mode and size as stored: content decides
            }
            return compare(stored.source(), now, hashes);
        }
    }

    /** The first way {@code root} differs from this manifest (in path order), or null when it matches. */
    public String firstDifference(Path root, Check check) throws IOException, InterruptedException {
        if (check == Check.CHEAP) {
            return compare(source(), Listing.of(root, false), null);
        }
        try (Hashes hashes = Hashes.start(root, items)) {
            return compare(source(), Listing.of(root, false), hashes);
        }
    }

    /** Where a comparison takes the stored items from, in path order: null after the last. */
    private interface Stored {
        Item next() throws IOException;
    }

    private Stored source() {
        Iterator<Item> it = items.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /**
     * Compares in path order and stops at the first difference. Without {@code hashes} the stat fields
     * decide; with them every file's content does, and the walk through digests comes second, after
     * every path, type, mode, size and link target was found to match.
     */
    private static String compare(Stored stored, Listing listing, Hashes hashes)
            throws IOException, InterruptedException {
        Map<String, Item> present = listing.byPath();
        for (Item item = stored.next(); item != null; item = stored.next()) {
            Item now = present.remove(item.path());
            String shown = RawNames.escape(item.path());
            if (now == null) {
                return shown + ": missing";
            }
            if (now.type() != item.type()) {
                return shown + ": was a " + typeName(item.type()) + ", is a " + typeName(now.type());
            }
            if (!now.mode().equals(item.mode())) {
                return shown + ": mode " + now.mode() + ", stored " + item.mode();
            }
            if (item.type() == 'l' && !now.content().equals(item.content())) {
                return shown + ": link to " + RawNames.escape(now.content()) + ", stored "
                        + RawNames.escape(item.content());
            }
            if (item.type() == 'f' && now.size() != item.size()) {
                return shown + ": " + now.size() + " bytes, stored " + item.size();
            }
            if (item.type() == 'f' && hashes == null && (!now.mtime().equals(item.mtime())
                    || !now.ctime().equals(item.ctime()) || !now.inode().equals(item.inode()))) {
                return shown + ": changed since it was stored (modification time, change time or inode)";
            }
        }
        if (!present.isEmpty()) {
            return RawNames.escape(new TreeMap<>(present).firstKey()) + ": not stored, added later";
        }
        return hashes == null ? null : hashes.firstContentDifference();
    }

    /**
     * Writes the manifest to {@code file} and, when it was just recorded, find's output beside it
     * ({@code file.stat}): the cheap check compares find's output now with those bytes, which is
     * exact and costs a few milliseconds, where digesting 8 MB in a JVM that just started costs a
     * tenth of a second or more.
     */
    public void write(Path file) throws IOException {
        if (listing != null) {
            Files.write(listingFile(file), listing);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + " " + statDigest + "\n");
            for (Item i : items) {
                w.write(i.type());
                w.write('\t');
                w.write(i.mode());
                w.write('\t');
                w.write(Long.toString(i.size()));
                w.write('\t');
                w.write(RawNames.escape(i.content()));
                w.write('\t');
                w.write(i.mtime());
                w.write('\t');
                w.write(i.ctime());
                w.write('\t');
                w.write(i.inode());
                w.write('\t');
                w.write(RawNames.escape(i.path()));
                w.write('\n');
            }
        }
    }

    public static Manifest read(Path file) throws IOException {
        Reader r = Reader.open(file);
        List<Item> items = new ArrayList<>();
        for (Item i = r.next(); i != null; i = r.next()) {
            items.add(i);
        }
        return new Manifest(items, r.statDigest, null);
    }

    /**
     * find's output changed but every entry matches: a directory's times moved (a file made and removed
     * in it), which the comparison ignores. The listing is replaced, so that the next cheap check
     * compares bytes again instead of parsing both sides; readers see the old or the new file whole.
     * A cache that cannot be written keeps the old one, and only costs the comparison.
     */
    private static void keepListing(Path listingFile, Listing now) {
        try {
            AtomicFiles.write(listingFile, now.bytes());
        } catch (IOException e) {
            // read-only cache: correct as it is, only slower
        }
    }

    private static Path listingFile(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + ".stat");
    }

    /** The manifest's first line; only that much is read. */
    private static String header(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(HEADER.length() + 2 + 64);
        }
        int nl = 0;
        while (nl < start.length && start[nl] != '\n') {
            nl++;
        }
        return new String(start, 0, nl, StandardCharsets.UTF_8);
    }

    /** A manifest that this version cannot read, with the line that is wrong and what to do about it. */
    static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String where;

        FormatException(Path file, int line, String problem) {
            super(file + " line " + line + ": " + problem + ". The cache entry " + file.getParent()
                    + " is damaged: run mvn firmware:verify-cache, which removes damaged entries, or remove that "
                    + "directory, and build again");
            this.where = "line " + line + ": " + problem;
        }

        /** The line and what is wrong with it, without the file. */
        String where() {
            return where;
        }
    }

    /** The lines of a manifest, parsed one at a time as the comparison asks for them. */
    private static final class Reader implements Stored {
        private final Path file;
        private final byte[] bytes;
        private final String statDigest;
        private int pos;
        private int line = 1;

        private Reader(Path file, byte[] bytes, String statDigest, int pos) {
            this.file = file;
            this.bytes = bytes;
            this.statDigest = statDigest;
            this.pos = pos;
        }

        static Reader open(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            int nl = indexOf(bytes, (byte) '\n', 0, bytes.length);
            String header = new String(bytes, 0, nl < 0 ? bytes.length : nl, StandardCharsets.UTF_8);
            if (nl < 0 || !header.startsWith(HEADER + " ")) {
                throw new FormatException(file, 1, "not a manifest this version writes (first line '"
                        + (header.length() > 80 ? header.substring(0, 80) + "..." : header) + "', expected '"
                        + HEADER + " <sha256>')");
            }
            return new Reader(file, bytes, header.substring(HEADER.length() + 1), nl + 1);
        }

        @Override
        public Item next() throws FormatException {
            if (pos == bytes.length) {
                return null;
            }
            line++;
            int end = indexOf(bytes, (byte) '\n', pos, bytes.length);
            if (end < 0) {
                throw new FormatException(file, line, "the last line has no newline (the manifest was cut short)");
            }
            int[] starts = new int[LINE_FIELDS + 1];
            int fields = 0;
            starts[fields++] = pos;
            for (int i = pos; i < end; i++) {
                if (bytes[i] == '\t') {
                    if (fields == LINE_FIELDS) {
                        fields++;
                        break;
                    }
                    starts[fields++] = i + 1;
                }
            }
            if (fields != LINE_FIELDS) {
                throw new FormatException(file, line, "expected " + LINE_FIELDS + " tab-separated fields (type, "
                        + "mode, size, digest or link target, mtime, ctime, inode, path), found "
                        + (fields > LINE_FIELDS ? "more" : Integer.toString(fields)));
            }
            int lineStart = pos;
            pos = end + 1;
            if (starts[1] - 1 - lineStart != 1 || "fdlpscbD".indexOf(bytes[lineStart]) < 0) {
                throw new FormatException(file, line, "the type is '" + field(starts, 0, end)
                        + "', expected one of f, d, l, p, s, c, b");
            }
            char type = (char) bytes[lineStart];
            long size = number(starts, 2, end);
            return new Item(unescape(starts, 7, end), type, field(starts, 1, end), size, unescape(starts, 3, end),
                    field(starts, 4, end), field(starts, 5, end), field(starts, 6, end));
        }

        private String field(int[] starts, int k, int end) {
            int from = starts[k];
            int to = k + 1 < LINE_FIELDS ? starts[k + 1] - 1 : end;
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        private long number(int[] starts, int k, int end) throws FormatException {
            int from = starts[k];
            int to = starts[k + 1] - 1;
            if (from == to || to - from > 18) {
                throw new FormatException(file, line, "the size is '" + field(starts, k, end) + "', not a number");
            }
            long n = 0;
            for (int i = from; i < to; i++) {
                int d = bytes[i] - '0';
                if (d < 0 || d > 9) {
                    throw new FormatException(file, line, "the size is '" + field(starts, k, end) + "', not a number");
                }
                n = n * 10 + d;
            }
            return n;
        }

        /** A name field: backslash escapes back to the bytes, which then make a name as {@link RawNames} keeps it. */
        private String unescape(int[] starts, int k, int end) throws FormatException {
            int from = starts[k];
            int to = k + 1 < LINE_FIELDS ? starts[k + 1] - 1 : end;
            if (indexOf(bytes, (byte) '\\', from, to) < 0) {
                return RawNames.decode(bytes, from, to - from);
            }
            byte[] out = new byte[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b != '\\') {
                    out[n++] = b;
                    continue;
                }
                byte e = i + 1 < to ? bytes[++i] : 0;
                if (e == '\\') {
                    out[n++] = '\\';
                } else if (e == 't') {
                    out[n++] = '\t';
                } else if (e == 'n') {
                    out[n++] = '\n';
                } else if (e == 'x' && i + 2 < to && Character.digit(bytes[i + 1], 16) >= 0
                        && Character.digit(bytes[i + 2], 16) >= 0) {
                    out[n++] = (byte) (Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                    i += 2;
                } else {
                    throw new FormatException(file, line, "field " + (k + 1) + " holds an unknown escape '\\"
                            + (e == 0 ? "" : Character.toString((char) (e & 0xff))) + "' (known: \\\\ \\t \\n \\xHH)");
                }
            }
            return RawNames.decode(out, 0, n);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** What one find over a tree printed, as bytes, and the digest of them, taken while find still ran. */
    private record Listing(Path root, byte[] bytes, String digest) {
        /** Runs find over {@code root}; with {@code digest}, digests the output while it arrives. */
        static Listing of(Path root, boolean digest) throws IOException, InterruptedException {
            if (!Files.isDirectory(root)) {
                throw new IOException(root + " is not a directory");
            }
            MessageDigest md = digest ? Digests.sha256() : null;
            ShortCommand.RawResult r = ShortCommand.of("find", root.toString(), "-mindepth", "1", "-printf",
                    FIND_FORMAT).set("LC_ALL", "C").runRaw(md == null ? (b, off, len) -> {} : md::update);
            if (!r.ok()) {
                throw new IOException("find " + root + " failed (exit " + r.exitCode() + "): " + r.firstErrorLine());
            }
            return new Listing(root, r.output(), md == null ? null : HexFormat.of().formatHex(md.digest()));
        }

        /** Path to its stat fields (content: the link target for links, else empty); links not followed. */
        List<Item> items() throws IOException {
            List<Item> items = new ArrayList<>(bytes.length / 100);
            int[] ends = new int[FIND_FIELDS];
            int pos = 0;
            while (pos < bytes.length) {
                int from = pos;
                for (int k = 0; k < FIND_FIELDS; k++) {
                    int nul = indexOf(bytes, (byte) 0, from, bytes.length);
                    if (nul < 0) {
                        throw new IOException("find " + root + " printed a record cut short at byte " + pos);
                    }
                    ends[k] = nul;
                    from = nul + 1;
                }
                int type = pos;
                int mode = ends[0] + 1;
                int size = ends[1] + 1;
                int mtime = ends[2] + 1;
                int ctime = ends[3] + 1;
                int inode = ends[4] + 1;
                int path = ends[5] + 1;
                int link = ends[6] + 1;
                items.add(new Item(RawNames.decode(bytes, path, ends[6] - path), (char) bytes[type],
                        ascii(mode, ends[1]), Long.parseLong(ascii(size, ends[2])), RawNames.decode(bytes, link,
                                ends[7] - link), ascii(mtime, ends[3]), ascii(ctime, ends[4]), ascii(inode, ends[5])));
                pos = from;
            }
            return items;
        }

        Map<String, Item> byPath() throws IOException {
            List<Item> items = items();
            Map<String, Item> map = new HashMap<>(items.size() * 2);
            for (Item i : items) {
                map.put(i.path(), i);
            }
            return map;
        }

        private String ascii(int from, int to) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The digests of the regular files among some items, hashed on as many threads as there are
     * cores, largest first so that no core is left with one big file at the end; closing stops the
     * threads. One queue of indices and one array of results: no task object per file.
     */
    private static final class Hashes implements AutoCloseable {
        private final List<Item> items;
        private final String[] digests;
        private final CountDownLatch done;
        private volatile boolean closed;

        private Hashes(List<Item> items) {
            this.items = items;
            this.digests = new String[items.size()];
            int files = 0;
            for (Item i : items) {
                files += i.type() == 'f' ? 1 : 0;
            }
            this.done = new CountDownLatch(files);
        }

        static Hashes start(Path root, List<Item> items) {
            Hashes h = new Hashes(items);
            List<Integer> files = new ArrayList<>((int) h.done.getCount());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).type() == 'f') {
                    files.add(i);
                }
            }
            files.sort(Comparator.comparingLong((Integer i) -> items.get(i).size()).reversed());
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
                Thread worker = new Thread(() -> {
                    for (int k = next.getAndIncrement(); k < files.size() && !h.closed; k = next.getAndIncrement()) {
                        int i = files.get(k);
                        try {
                            h.digests[i] = Digests.sha256(RawNames.resolve(root, items.get(i).path()));
                        } catch (IOException | RuntimeException e) {
                            h.digests[i] = "unreadable: " + e; // vanished or unreadable: no digest, so it differs
                        }
                        h.done.countDown();
                    }
                }, "manifest hashing " + t);
                worker.setDaemon(true);
                worker.start();
            }
            return h;
        }

        String digest(int i) throws InterruptedException {
            done.await();
            return digests[i];
        }

        /** The first file, in path order, whose content is not what was stored; null when all are. */
        String firstContentDifference() throws InterruptedException {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.type() == 'f') {
                    String digest = digest(i);
                    if (!digest.equals(item.content())) {
                        return RawNames.escape(item.path()) + ": content changed (sha256 " + digest + ", stored "
                                + item.content() + ")";
                    }
                }
            }
            return null;
        }

        @Override
        public void close() {
            closed = true;
        }
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
}
