package io.github.firmwaremaven.archives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class ArchiveExtractorTest {
    @TempDir
    Path tmp;

    /** Builds a tar entry by entry. */
    static final class Tar {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setMode(040755);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        Tar file(String name, String content, int mode) throws IOException {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(b.length);
            e.setMode(0100000 | mode);
            out.putArchiveEntry(e);
            out.write(b);
            out.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String target, byte type) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setLinkName(target);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        byte[] done() throws IOException {
            out.close();
            return bytes.toByteArray();
        }
    }

    static Tar sample() throws IOException {
        return new Tar().dir("pkg-1.0/").file("pkg-1.0/README", "hello\n", 0644)
                .file("pkg-1.0/bin/run.sh", "#!/bin/sh\necho hi\n", 0755)
                .link("pkg-1.0/bin/run", "run.sh", TarArchiveEntry.LF_SYMLINK)
                .link("pkg-1.0/README.hard", "pkg-1.0/README", TarArchiveEntry.LF_LINK);
    }

    static byte[] compress(byte[] tar, String suffix) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        OutputStream o = switch (suffix) {
            case ".tar.gz" -> new GZIPOutputStream(b);
            case ".tar.xz" -> new XZOutputStream(b, new LZMA2Options());
            case ".tar.bz2" -> new BZip2CompressorOutputStream(b);
            case ".tar.zst" -> new com.github.luben.zstd.ZstdOutputStream(b);
            default -> b;
        };
        try (o) {
            o.write(tar);
        }
        return b.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tar"})
    void extractsEachCompressionKeepingModesSymlinksAndHardLinks(String suffix) throws Exception {
        for (boolean hostXz : new boolean[] {false, true}) {
            Path archive = write("pkg" + suffix, compress(sample().done(), suffix));
            Path target = tmp.resolve("out-" + hostXz + suffix);
            ArchiveExtractor extractor = hostXz ? ArchiveExtractor.withHostXz(null) : ArchiveExtractor.javaOnly();
            extractor.extract(archive, archive.getFileName().toString(), target, true);
            assertEquals("hello\n", Files.readString(target.resolve("README")));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/run.sh"))));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("README"))));
            assertTrue(Files.isSymbolicLink(target.resolve("bin/run")));
            assertEquals("run.sh", Files.readSymbolicLink(target.resolve("bin/run")).toString());
            assertEquals(Files.getAttribute(target.resolve("README"), "unix:ino"),
                    Files.getAttribute(target.resolve("README.hard"), "unix:ino"));
        }
    }

    @Test
    void theHostXzIsTheOneOnTheBoardsHostPath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("board-bin"));
        Path used = tmp.resolve("xz-used");
        Path realXz = io.github.firmwaremaven.processes.HostPath.which("xz", null);
        assertTrue(realXz != null, "xz is on this machine's PATH");
        Path fake = Files.writeString(bin.resolve("xz"), "#!/bin/sh\ntouch " + used + "\nexec " + realXz
                + " \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = write("board.tar.xz", compress(sample().done(), ".tar.xz"));

        ArchiveExtractor.withHostXz(bin.toString()).extract(archive, "board.tar.xz", tmp.resolve("b"), true);
        assertEquals("hello\n", Files.readString(tmp.resolve("b/README")));
        assertTrue(Files.exists(used), "the xz of the board's host path decoded it");

        // A host path without xz: decoded in Java, the shell's xz is not looked for.
        Files.delete(used);
        Path empty = Files.createDirectories(tmp.resolve("no-xz"));
        ArchiveExtractor.withHostXz(empty.toString()).extract(archive, "board.tar.xz", tmp.resolve("c"), true);
        assertEquals("hello\n", Files.readString(tmp.resolve("c/README")));
        assertFalse(Files.exists(used));
    }

    @Test
    void aFileEntryReplacesAnEarlierSymlinkInsteadOfWritingThroughIt() throws Exception {
        Path victim = write("victim", "keep\n".getBytes());
        byte[] tar = new Tar().dir("p/").file("p/target", "old\n", 0644)
                .link("p/f", "target", TarArchiveEntry.LF_SYMLINK).file("p/f", "new\n", 0644).done();
        Path archive = write("replace.tar", tar);
        ArchiveExtractor.javaOnly().extract(archive, "replace.tar", tmp.resolve("r"), true);
        assertFalse(Files.isSymbolicLink(tmp.resolve("r/f")));
        assertEquals("new\n", Files.readString(tmp.resolve("r/f")));
        assertEquals("old\n", Files.readString(tmp.resolve("r/target")));
        assertEquals("keep\n", Files.readString(victim));
    }

    @Test
    void extractsZipWithModesAndSymlinks() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(b)) {
            ZipArchiveEntry f = new ZipArchiveEntry("top/x.sh");
            f.setUnixMode(0100755);
            z.putArchiveEntry(f);
            z.write("echo\n".getBytes());
            z.closeArchiveEntry();
            ZipArchiveEntry l = new ZipArchiveEntry("top/y");
            l.setUnixMode(0120777);
            z.putArchiveEntry(l);
            z.write("x.sh".getBytes());
            z.closeArchiveEntry();
        }
        Path archive = write("a.zip", b.toByteArray());
        ArchiveExtractor.javaOnly().extract(archive, "a.zip", tmp.resolve("z"), true);
        assertTrue(Files.isExecutable(tmp.resolve("z/x.sh")));
        assertEquals("x.sh", Files.readSymbolicLink(tmp.resolve("z/y")).toString());
    }

    @Test
    void refusesDotDotEntries() throws Exception {
        assertHostile(new Tar().dir("p/").file("p/../../evil", "x", 0644).done(), "p/../../evil");
    }

    @Test
    void leavesOutSymlinksToAbsolutePathsAndSaysSo() throws Exception {
        Path archive = write("abs.tar", new Tar().dir("p/").link("p/X11IncludeHack", "/opt/X11",
                TarArchiveEntry.LF_SYMLINK).file("p/a", "a", 0644).done());
        Path target = tmp.resolve("abs");
        ArchiveExtractor x = ArchiveExtractor.javaOnly();
        x.extract(archive, "abs.tar", target, true);
        assertTrue(Files.isRegularFile(target.resolve("a")));
        assertTrue(!Files.exists(target.resolve("X11IncludeHack"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("p/X11IncludeHack -> /opt/X11"), x.skippedLinks());
        // A later entry under the left-out name stays inside the tree.
        Path again = tmp.resolve("abs2");
        ArchiveExtractor.javaOnly().extract(write("abs2.tar", new Tar().dir("p/").link("p/abs", tmp.toString(),
                TarArchiveEntry.LF_SYMLINK).file("p/abs/evil", "x", 0644).done()), "abs2.tar", again, true);
        assertTrue(Files.isRegularFile(again.resolve("abs/evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(!Files.exists(tmp.resolve("evil")));
    }

    @Test
    void refusesAbsoluteEntries() throws Exception {
        assertHostile(new Tar().dir("p/").file(tmp.resolve("evil").toString(), "x", 0644).done(), "evil");
    }

    @Test
    void refusesSymlinksPointingOutAndWritesThroughThem() throws Exception {
        assertHostile(new Tar().dir("p/").link("p/out", "../../..", TarArchiveEntry.LF_SYMLINK)
                .file("p/out/evil", "x", 0644).done(), "p/out");
        // A link that points inside, then a link through it that climbs out: the second is refused.
        assertHostile(new Tar().dir("p/").dir("p/d/").link("p/d/here", ".", TarArchiveEntry.LF_SYMLINK)
                .link("p/d/here/up", "../../evil", TarArchiveEntry.LF_SYMLINK).done(), "p/d/here/up");
    }

    @Test
    void refusesHardLinksPointingOut() throws Exception {
        Path outside = write("secret", "secret".getBytes());
        assertHostile(new Tar().dir("p/").link("p/h", "p/../../secret", TarArchiveEntry.LF_LINK).done(), "p/h");
        assertHostile(new Tar().dir("p/").link("p/h2", outside.toString(), TarArchiveEntry.LF_LINK).done(), "p/h2");
    }

    @Test
    void aHardLinkToItselfKeepsTheFile() throws Exception {
        // kexec-tools-2.0.25.tar.xz repeats files as hard links to themselves; GNU tar keeps them.
        Path archive = write("self.tar", new Tar().dir("p/").file("p/entry.S", "code\n", 0644)
                .link("p/entry.S", "p/entry.S", TarArchiveEntry.LF_LINK).done());
        Path target = tmp.resolve("t/self");
        ArchiveExtractor.javaOnly().extract(archive, "self.tar", target, true);
        assertEquals("code\n", Files.readString(target.resolve("entry.S")));
    }

    @Test
    void refusesZipSlip() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(b)) {
            z.putArchiveEntry(new ZipArchiveEntry("top/../../evil"));
            z.write("x".getBytes());
            z.closeArchiveEntry();
        }
        Path archive = write("slip.zip", b.toByteArray());
        Path target = tmp.resolve("t/z");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ArchiveExtractor.javaOnly().extract(archive, "slip.zip", target, true));
        assertTrue(e.getMessage().contains("top/../../evil"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTruncatedArchiveFailsCleanly(boolean hostXz) throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            big.append("line ").append(i).append(' ').append(Math.random()).append('\n');
        }
        byte[] full = compress(new Tar().dir("p/").file("p/a", big.toString(), 0644).file("p/b", "b", 0644).done(),
                ".tar.xz");
        Path archive = write("cut.tar.xz", Arrays.copyOf(full, full.length / 2));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> (hostXz ? ArchiveExtractor.withHostXz(null) : ArchiveExtractor.javaOnly()).extract(archive, "cut.tar.xz", tmp.resolve("t"), true));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void extractsANamedMemberOfAnArchive() throws Exception {
        byte[] inner = compress(sample().done(), ".tar.xz");
        Tar outer = new Tar().dir("wrapper-1/");
        TarArchiveEntry e = new TarArchiveEntry("wrapper-1/pkg-1.0.tar.xz");
        e.setSize(inner.length);
        outer.out.putArchiveEntry(e);
        outer.out.write(inner);
        outer.out.closeArchiveEntry();
        Path archive = write("wrapper.tar.gz", compress(outer.done(), ".tar.gz"));
        Path member = tmp.resolve("member.tar.xz");
        ArchiveExtractor.javaOnly().extractMember(archive, "wrapper.tar.gz", "pkg-1.0.tar.xz", member);
        assertTrue(Arrays.equals(inner, Files.readAllBytes(member)));
        FirmwareException missing = assertThrows(FirmwareException.class, () -> ArchiveExtractor.javaOnly()
                .extractMember(archive, "wrapper.tar.gz", "nope.tar.xz", tmp.resolve("n")));
        assertTrue(missing.getMessage().contains("nope.tar.xz"));
    }

    @Test
    void refusesALinkChainThatLooksInsideButResolvesAboveTheTree() throws Exception {
        // The archive: each link alone normalises inside; followed, l2 is the tree's parent, l3 its
        // grandparent, and so on up to /.
        Tar t = new Tar().dir("p/").dir("p/a/").link("p/a/l1", "..", TarArchiveEntry.LF_SYMLINK);
        for (int i = 2; i <= 12; i++) {
            t.link("p/a/l" + i, "l" + (i - 1) + "/..", TarArchiveEntry.LF_SYMLINK);
        }
        assertHostile(t.done(), "p/a/l2");
    }

    @Test
    void refusesALinkThatALaterLinkTurnsOutward() throws Exception {
        // b -> a/m/../.. is inside while a/m does not exist; a/m -> . then makes it the tree's parent.
        assertHostile(new Tar().dir("p/").dir("p/a/").link("p/b", "a/m/../..", TarArchiveEntry.LF_SYMLINK)
                .link("p/a/m", ".", TarArchiveEntry.LF_SYMLINK).done(), "p/b");
    }

    @Test
    void refusesALinkLaterReplacedByADirectory() throws Exception {
        assertHostile(new Tar().dir("p/").dir("p/sub/").link("p/d", "sub", TarArchiveEntry.LF_SYMLINK)
                .dir("p/d/").file("p/d/evil", "x", 0644).done(), "p/d");
    }

    @Test
    void refusesAHardLinkToASymbolicLink() throws Exception {
        assertHostile(new Tar().dir("p/").link("p/s", "x", TarArchiveEntry.LF_SYMLINK)
                .link("p/h", "p/s", TarArchiveEntry.LF_LINK).done(), "p/h");
    }

    @Test
    void refusesALinkLoop() throws Exception {
        assertHostile(new Tar().dir("p/").link("p/x", "y", TarArchiveEntry.LF_SYMLINK)
                .link("p/y", "x", TarArchiveEntry.LF_SYMLINK).done(), "p/x");
    }

    @Test
    void aChainOfLinksThatStaysInsideStillResolves() throws Exception {
        Path archive = write("chain.tar", new Tar().dir("p/").dir("p/include/").dir("p/include/linux/")
                .file("p/include/linux/x.h", "inside\n", 0644)
                .link("p/inc", "include/linux", TarArchiveEntry.LF_SYMLINK)
                .link("p/alias", "inc", TarArchiveEntry.LF_SYMLINK).dir("p/deep/")
                .link("p/deep/ptr", "../alias", TarArchiveEntry.LF_SYMLINK)
                .link("p/deep/up", "ptr/../../deep/ptr/x.h", TarArchiveEntry.LF_SYMLINK).done());
        Path target = tmp.resolve("t/chain");
        ArchiveExtractor.javaOnly().extract(archive, "chain.tar", target, true);
        assertEquals("inside\n", Files.readString(target.resolve("deep/ptr/x.h")));
        assertEquals("inside\n", Files.readString(target.resolve("deep/up")));
    }

    @Test
    void refusesFifosAndDeviceNodesNamingThem() throws Exception {
        for (byte type : new byte[] {TarArchiveEntry.LF_FIFO, TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK}) {
            Tar t = new Tar().dir("p/");
            TarArchiveEntry e = new TarArchiveEntry("p/node" + (char) type, type, true);
            t.out.putArchiveEntry(e);
            t.out.closeArchiveEntry();
            Path archive = write("special" + (char) type + ".tar", t.done());
            Path target = tmp.resolve("t/special" + (char) type);
            FirmwareException ex = assertThrows(FirmwareException.class,
                    () -> ArchiveExtractor.javaOnly().extract(archive, "special.tar", target, true));
            assertTrue(ex.getMessage().contains("entry 'p/node" + (char) type + "' is a "), ex.getMessage());
            assertTrue(ex.getMessage().contains(type == TarArchiveEntry.LF_FIFO ? "FIFO" : "device node"),
                    ex.getMessage());
            assertFalse(Files.exists(target.resolve("node" + (char) type), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void dropsSetuidAndSetgidBitsAndSaysWhich() throws Exception {
        Path archive = write("suid.tar", new Tar().dir("p/").file("p/su", "x", 04755).file("p/sg", "y", 02755)
                .file("p/plain", "z", 0755).done());
        Path target = tmp.resolve("t/suid");
        ArchiveExtractor x = ArchiveExtractor.javaOnly();
        x.extract(archive, "suid.tar", target, true);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("su"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("sg"))));
        assertEquals(List.of("p/su (setuid)", "p/sg (setgid)"), x.droppedBits());
    }

    private void assertHostile(byte[] tar, String entryInMessage) throws Exception {
        Path archive = write("hostile.tar", tar);
        Path target = tmp.resolve("t" + System.nanoTime()).resolve("x");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ArchiveExtractor.javaOnly().extract(archive, "hostile.tar", target, true));
        assertTrue(e.getMessage().contains(entryInMessage), e.getMessage());
        List<String> outside;
        try (Stream<Path> s = Files.list(tmp)) {
            outside = s.map(p -> p.getFileName().toString()).filter(n -> n.contains("evil")).toList();
        }
        assertEquals(List.of(), outside);
        assertFalse(Files.exists(target.getParent().resolve("evil"), LinkOption.NOFOLLOW_LINKS));
    }
}
