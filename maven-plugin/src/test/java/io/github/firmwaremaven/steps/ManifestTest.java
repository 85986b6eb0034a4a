package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.processes.ShortCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifest of a tree: odd names survive it, every kind of edit is seen, and a damaged one is named. */
class ManifestTest {
    @TempDir
    Path dir;

    /** a, 0xff, b: a name that is not UTF-8. */
    private static final byte[] NOT_UTF8 = {'a', (byte) 0xff, 'b'};
    private static final List<String> ODD_NAMES = List.of("with\ttab", "with\nnewline", "with space", "back\\slash",
            "\\x41 not an escape", "caf\u00e9 \ud83d\ude00", "trailing\\");

    private Path tree() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("Makefile"), "all:\n\ttrue\n");
        Files.writeString(root.resolve("sub/deeper/file.c"), "int main(void) { return 0; }\n");
        Path tool = Files.writeString(root.resolve("sub/tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("sub/alias"), Path.of("tool"));
        for (String name : ODD_NAMES) {
            Files.writeString(root.resolve("sub").resolve(name), "content of " + name);
        }
        Files.write(RawNames.resolve(root, "sub/" + RawNames.decode(NOT_UTF8, 0, 3)), "latin-1".getBytes());
        Path sub = root.resolve("sub");
        Files.createSymbolicLink(sub.resolve("odd-link"), sub.relativize(RawNames.resolve(sub, RawNames.decode(NOT_UTF8,
                0, 3))));
        return root;
    }

    private Path record(Path root) throws Exception {
        Path file = dir.resolve("manifest");
        Manifest.record(root).write(file);
        return file;
    }

    /** find's own spelling of every name below root, as bytes. */
    private static byte[] rawNames(Path root) throws Exception {
        return ShortCommand.of("find", root.toString(), "-mindepth", "1", "-printf", "%P\\0").runRaw((b, o, l) -> {})
                .output();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void namesWithTabsNewlinesSpacesAndBytesThatAreNotUtf8RoundTrip() throws Exception {
        Path root = tree();
        byte[] onDisk = rawNames(root);
        assertTrue(contains(onDisk, "sub/a\u00ffb".getBytes(StandardCharsets.ISO_8859_1)),
                "the file was created with the raw byte 0xff, not a replacement character");
        Path file = record(root);
        Manifest read = Manifest.read(file);
        assertEquals(6 + ODD_NAMES.size() + 2, read.size());
        // The manifest stays UTF-8 text, one line per entry, with the odd byte spelled out.
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        assertEquals(1 + read.size(), text.split("\n", -1).length - 1);
        assertTrue(text.contains("\tsub/a\\xffb\n"), text);
        assertTrue(text.contains("\ta\\xffb\t"), "the link target is escaped too: " + text);
        assertTrue(text.contains("\tsub/with\\ttab\n") && text.contains("\tsub/with\\nnewline\n")
                && text.contains("\tsub/back\\\\slash\n") && text.contains("\tsub/\\\\x41 not an escape\n"), text);
        for (Manifest.Check check : Manifest.Check.values()) {
            assertNull(Manifest.firstDifference(file, root, check), check.name());
            assertNull(read.firstDifference(root, check), check.name());
        }
        // Written again from what was read: the same bytes.
        Path again = dir.resolve("again");
        read.write(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void theFullCheckHashesAFileWhoseNameIsNotUtf8AndNamesItEscaped() throws Exception {
        Path root = tree();
        Path file = record(root);
        Path odd = RawNames.resolve(root, "sub/" + RawNames.decode(NOT_UTF8, 0, 3));
        FileTime mtime = Files.getLastModifiedTime(odd);
        Files.write(odd, "latin-2".getBytes());
        Files.setLastModifiedTime(odd, mtime);
        assertEquals("sub/a\\xffb: changed since it was stored (modification time, change time or inode)",
                Manifest.firstDifference(file, root, Manifest.Check.CHEAP));
        String full = Manifest.firstDifference(file, root, Manifest.Check.FULL);
        assertTrue(full.startsWith("sub/a\\xffb: content changed (sha256 "), full);
    }

    @Test
    void rawNamesDecodeAndEncodeAnyBytesLosslessly() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            String name = RawNames.decode(b, 0, b.length);
            assertArrayEquals(b, RawNames.encode(name), () -> "bytes " + java.util.Arrays.toString(b));
        }
        String utf8 = "caf\u00e9 \ud83d\ude00";
        assertEquals(utf8, RawNames.decode(utf8.getBytes(StandardCharsets.UTF_8), 0, utf8.getBytes(
                StandardCharsets.UTF_8).length));
        assertFalse(RawNames.hasEscapedBytes(utf8), "a surrogate pair is a character, not an escaped byte");
        assertEquals("caf\u00e9 \ud83d\ude00 \\xed\\xa0\\x80", RawNames.escape(RawNames.decode(
                new byte[] {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9, ' ', (byte) 0xf0, (byte) 0x9f, (byte) 0x98,
                    (byte) 0x80, ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 14)),
                "an encoded surrogate is not UTF-8: three escaped bytes");
    }

    /** Recorded, then edited by {@code edit}: the cheap and the full check both name {@code expected}. */
    private void assertSeen(String expected, Edit edit, boolean keepListing) throws Exception {
        Path root = tree();
        Path file = record(root);
        if (!keepListing) {
            Files.delete(dir.resolve("manifest.stat")); // as an entry written before the listing was kept
        }
        edit.apply(root);
        String cheap = Manifest.firstDifference(file, root, Manifest.Check.CHEAP);
        assertNotNull(cheap, "cheap check missed: " + expected);
        assertTrue(cheap.startsWith(expected), cheap);
        String full = Manifest.firstDifference(file, root, Manifest.Check.FULL);
        assertNotNull(full, "full check missed: " + expected);
    }

    interface Edit {
        void apply(Path root) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aChangedFileIsSeen(boolean keepListing) throws Exception {
        assertSeen("Makefile: 12 bytes, stored 11", root -> Files.writeString(root.resolve("Makefile"), "all:\n\tfalse\n"),
                keepListing);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDeletedFileIsSeen(boolean keepListing) throws Exception {
        assertSeen("sub/deeper/file.c: missing", root -> Files.delete(root.resolve("sub/deeper/file.c")),
                keepListing);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFileRestoredWithTouchMinusRIsSeen(boolean keepListing) throws Exception {
        assertSeen("Makefile: changed since it was stored", root -> {
            Path makefile = root.resolve("Makefile");
            Path reference = Files.copy(makefile, dir.resolve("reference"),
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(makefile, "all:\n\tTRUE\n"); // the same size
            ShortCommand.Result touch = ShortCommand.of("touch", "-r", reference.toString(), makefile.toString()).run();
            assertTrue(touch.ok(), touch.output());
            assertEquals(Files.getLastModifiedTime(reference), Files.getLastModifiedTime(makefile));
        }, keepListing);
    }

    @Test
    void addedFilesModesAndLinksAreSeen() throws Exception {
        assertSeen("sub/new: not stored, added later", root -> Files.writeString(root.resolve("sub/new"), "x"), true);
        clean();
        assertSeen("sub/tool: mode 644, stored 755", root -> Files.setPosixFilePermissions(root.resolve("sub/tool"),
                PosixFilePermissions.fromString("rw-r--r--")), true);
        clean();
        assertSeen("sub/alias: link to Makefile, stored tool", root -> {
            Files.delete(root.resolve("sub/alias"));
            Files.createSymbolicLink(root.resolve("sub/alias"), Path.of("Makefile"));
        }, true);
        clean();
        assertSeen("sub/deeper: was a directory, is a file", root -> {
            io.github.firmwaremaven.trees.TreeDelete.delete(root.resolve("sub/deeper"));
            Files.writeString(root.resolve("sub/deeper"), "x");
        }, true);
    }

    private void clean() throws Exception {
        io.github.firmwaremaven.trees.TreeDelete.delete(dir.resolve("tree"));
        Files.delete(dir.resolve("manifest"));
        Files.deleteIfExists(dir.resolve("manifest.stat"));
        Files.deleteIfExists(dir.resolve("reference"));
    }

    @Test
    void aDamagedListingBesideTheManifestOnlyCostsTheComparison() throws Exception {
        Path root = tree();
        Path file = record(root);
        Files.writeString(dir.resolve("manifest.stat"), "garbage");
        assertNull(Manifest.firstDifference(file, root, Manifest.Check.CHEAP), "the manifest decides, not the listing");
        Files.writeString(root.resolve("Makefile"), "all:\n\tTRUE\n");
        assertEquals("Makefile: changed since it was stored (modification time, change time or inode)",
                Manifest.firstDifference(file, root, Manifest.Check.CHEAP));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDirectoryWhoseTimesMovedStillMatchesAndItsListingIsRenewed(boolean keepListing) throws Exception {
        Path root = tree();
        Path file = record(root);
        Path listing = dir.resolve("manifest.stat");
        if (!keepListing) {
            Files.delete(listing);
        }
        Files.delete(Files.writeString(root.resolve("sub/deeper/scratch"), "made and removed by a tool"));
        assertNull(Manifest.firstDifference(file, root, Manifest.Check.CHEAP));
        assertArrayEquals(ShortCommand.of("find", root.toString(), "-mindepth", "1", "-printf",
                "%y\\0%m\\0%s\\0%T@\\0%C@\\0%i\\0%P\\0%l\\0").set("LC_ALL", "C").runRaw((b, o, l) -> {}).output(),
                Files.readAllBytes(listing), "the listing now is find's output as it is now");
        Files.writeString(root.resolve("sub/deeper/file.c"), "int main(void) { return 1; }\n");
        assertEquals("sub/deeper/file.c: changed since it was stored (modification time, change time or inode)",
                Manifest.firstDifference(file, root, Manifest.Check.CHEAP), "a renewed listing still sees edits");
    }

    @Test
    void anEntryWithoutAListingGetsOneFromACheapCheckThatFindsItUnchanged() throws Exception {
        Path root = tree();
        Path file = record(root);
        Path listing = dir.resolve("manifest.stat");
        byte[] recorded = Files.readAllBytes(listing);
        Files.delete(listing);
        assertNull(Manifest.firstDifference(file, root, Manifest.Check.CHEAP), "the header's digest decides");
        assertArrayEquals(recorded, Files.readAllBytes(listing));
    }

    @Test
    void aFlippedByteThatKeepsSizeAndTimesIsSeenOnlyByTheFullCheck() throws Exception {
        Path root = tree();
        Path file = record(root);
        String text = Files.readString(file);
        String digest = Digests.sha256(root.resolve("sub/deeper/file.c"));
        Files.writeString(file, text.replace(digest, "0".repeat(64)));
        assertNull(Manifest.firstDifference(file, root, Manifest.Check.CHEAP));
        assertEquals("sub/deeper/file.c: content changed (sha256 " + digest + ", stored " + "0".repeat(64) + ")",
                Manifest.firstDifference(file, root, Manifest.Check.FULL));
    }

    /** The manifest with line {@code n} (1 = the header) replaced. */
    private Path damaged(int n, String line) throws Exception {
        Path root = tree();
        Path file = record(root);
        List<String> lines = new java.util.ArrayList<>(List.of(Files.readString(file).split("\n", -1)));
        lines.set(n - 1, line);
        Files.writeString(file, String.join("\n", lines));
        Files.delete(dir.resolve("manifest.stat"));
        return file;
    }

    private void assertMalformed(Path file, int line, String problem) throws Exception {
        Manifest.FormatException e = assertThrows(Manifest.FormatException.class, () -> Manifest.read(file));
        assertTrue(e.getMessage().startsWith(file + " line " + line + ": " + problem), e.getMessage());
        assertTrue(e.getMessage().contains("run mvn firmware:verify-cache"), e.getMessage());
        assertTrue(e.where().startsWith("line " + line + ": " + problem), e.where());
        assertFalse(e.where().contains(file.toString()), "where() leaves the file to the caller: " + e.where());
        // The cheap check reads it only when the tree changed; the full check always does.
        Manifest.FormatException full = assertThrows(Manifest.FormatException.class,
                () -> Manifest.firstDifference(file, dir.resolve("tree"), Manifest.Check.FULL));
        assertEquals(e.getMessage(), full.getMessage());
    }

    @Test
    void malformedLinesNameTheManifestAndTheLine() throws Exception {
        assertMalformed(damaged(3, "f\t644\t13"), 3, "expected 8 tab-separated fields");
        clean();
        assertMalformed(damaged(2, "f\t644\t1x3\t" + "0".repeat(64) + "\t1.0\t2.0\t3\tMakefile"), 2,
                "the size is '1x3', not a number");
        clean();
        assertMalformed(damaged(4, "f\t644\t13\t" + "0".repeat(64) + "\t1.0\t2.0\t3\tbad\\qescape"), 4,
                "field 8 holds an unknown escape '\\q'");
        clean();
        assertMalformed(damaged(2, "file\t644\t13\t" + "0".repeat(64) + "\t1.0\t2.0\t3\tMakefile"), 2,
                "the type is 'file'");
        clean();
        assertMalformed(damaged(2, "f\t644\t13\t" + "0".repeat(64) + "\t1.0\t2.0\t3\tMakefile\textra"), 2,
                "expected 8 tab-separated fields (type, mode, size, digest or link target, mtime, ctime, inode, path), "
                        + "found more");
        clean();
        assertMalformed(damaged(1, "firmware-manifest 1 abc"), 1, "not a manifest this version writes");
        clean();
        Path root = tree();
        Path file = record(root);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 1));
        int lines = text.split("\n").length;
        assertMalformed(file, lines, "the last line has no newline");
    }

    @Test
    void verifyCacheCountsAnEntryWithADamagedManifestAsDamaged() throws Exception {
        Path entry = Files.createDirectories(dir.resolve("entry"));
        Path out = Files.createDirectories(entry.resolve("out"));
        Files.writeString(out.resolve("0"), "image");
        Manifest.record(out).write(entry.resolve(SharedOutputs.MANIFEST));
        assertNull(SharedOutputs.verify(entry));
        Files.writeString(entry.resolve(SharedOutputs.MANIFEST), "firmware-manifest 2 x\nf\t644\n");
        assertEquals("manifest: line 2: expected 8 tab-separated fields (type, mode, size, digest or link target, "
                + "mtime, ctime, inode, path), found 2", SharedOutputs.verify(entry));
    }

    @Test
    void shortCommandKeepsRawOutputBytesAndStandardErrorApart() throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ShortCommand.RawResult r = ShortCommand.of("sh", "-c",
                "printf 'a\\377b\\000c'; echo oops >&2; head -c 300000 /dev/zero; exit 3")
                .runRaw(seen::write);
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertEquals("oops", r.firstErrorLine());
        assertEquals(5 + 300_000, r.output().length);
        assertArrayEquals(new byte[] {'a', (byte) 0xff, 'b', 0, 'c'}, java.util.Arrays.copyOf(r.output(), 5));
        assertArrayEquals(r.output(), seen.toByteArray(), "the sink saw every byte, in order");
        ShortCommand.RawResult capped = ShortCommand.of("head", "-c", "100000", "/dev/zero").maxOutput(1000)
                .runRaw((b, o, l) -> {});
        assertEquals(1000, capped.output().length);
    }
}
