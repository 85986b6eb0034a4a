package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.StepMachine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

class ToolchainArchiveTest {
    private static final long EPOCH = 1_767_225_600L;

    @TempDir
    Path tmp;

    private Path sampleToolchain(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("x86_64-linux-musl-gcc"), "#!/bin/sh\necho gcc\n");
        Files.setPosixFilePermissions(bin.resolve("x86_64-linux-musl-gcc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("x86_64-linux-musl-cc"), Paths.get("x86_64-linux-musl-gcc"));
        Path tbin = Files.createDirectories(dir.resolve("x86_64-linux-musl/bin"));
        Files.writeString(bin.resolve("x86_64-linux-musl-as"), "assembler");
        Files.setPosixFilePermissions(bin.resolve("x86_64-linux-musl-as"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // binutils installs its tools twice, as hard links.
        Files.createLink(tbin.resolve("as"), bin.resolve("x86_64-linux-musl-as"));
        Path inc = Files.createDirectories(dir.resolve("x86_64-linux-musl/include/" + "deeply/nested/".repeat(12)));
        Files.writeString(inc.resolve("a-header-with-a-long-name-beyond-the-old-tar-limit.h"), "#define X 1\n");
        Files.writeString(dir.resolve("x86_64-linux-musl/lib.a"), "lib");
        Files.setPosixFilePermissions(dir.resolve("x86_64-linux-musl/lib.a"), PosixFilePermissions.fromString("rw-r-----"));
        Files.createDirectories(dir.resolve("share/empty"));
        ToolchainArchive.writeMetadata(dir, "x86_64-linux-musl", "x86_64-linux-musl-", "x86_64");
        return dir;
    }

    @Test
    void packingTwiceGivesIdenticalBytesWhateverTheFileTimes() throws Exception {
        Path dir = sampleToolchain(tmp.resolve("tc"));
        Path a = tmp.resolve("a.tar.xz");
        Path b = tmp.resolve("b.tar.xz");
        ToolchainArchive.pack(dir, a, EPOCH);
        Files.setLastModifiedTime(dir.resolve("x86_64-linux-musl/lib.a"), FileTime.fromMillis(12345));
        ToolchainArchive.pack(dir, b, EPOCH);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void entriesAreSortedOwnedByRootAndStampedWithTheBuildTime() throws Exception {
        Path a = tmp.resolve("a.tar.xz");
        ToolchainArchive.pack(sampleToolchain(tmp.resolve("tc")), a, EPOCH);
        String previous = "";
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(Files.newInputStream(a)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replaceAll("/$", "");
                assertTrue(name.compareTo(previous) > 0, name + " after " + previous);
                previous = name;
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals(EPOCH * 1000, e.getModTime().getTime());
            }
        }
    }

    @Test
    void unpackingRestoresContentsModesLinksAndHardLinksOnceIntoTheCache() throws Exception {
        Path dir = sampleToolchain(tmp.resolve("tc"));
        Path archive = tmp.resolve("tc.tar.xz");
        ToolchainArchive.pack(dir, archive, EPOCH);
        BuildCache cache = new BuildCache(tmp.resolve("cache"));

        Path unpacked = ToolchainArchive.unpack(archive, steps(cache), null);
        assertTrue(unpacked.startsWith(cache.root().resolve("toolchain-archive")), unpacked.toString());
        assertFalse(Files.exists(unpacked.resolve(".last-used")), "no cache bookkeeping inside an entry");
        assertEquals(Fingerprint.treeDigest(dir), Fingerprint.treeDigest(unpacked));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(unpacked.resolve("x86_64-linux-musl/lib.a"))));
        assertEquals(Paths.get("x86_64-linux-musl-gcc"),
                Files.readSymbolicLink(unpacked.resolve("bin/x86_64-linux-musl-cc")));
        assertTrue(Files.isSameFile(unpacked.resolve("bin/x86_64-linux-musl-as"),
                unpacked.resolve("x86_64-linux-musl/bin/as")));
        assertTrue(Files.isDirectory(unpacked.resolve("share/empty")));
        Properties meta = ToolchainArchive.readMetadata(unpacked, "test");
        assertEquals("x86_64-linux-musl", meta.getProperty("triple"));

        // Packing the unpacked copy gives the very same archive.
        Path again = tmp.resolve("again.tar.xz");
        ToolchainArchive.pack(unpacked, again, EPOCH);
        assertArrayEquals(Files.readAllBytes(archive), Files.readAllBytes(again));

        // Second resolution: the cached entry, not a second unpack.
        Files.writeString(unpacked.resolve("marker"), "kept");
        assertEquals(unpacked, ToolchainArchive.unpack(archive, steps(cache), null));
        assertTrue(Files.exists(unpacked.resolve("marker")));
    }

    @Test
    void anEntryLeavingTheTopDirectoryIsRefusedAndLeavesNoCacheEntry() throws Exception {
        Path evil = tmp.resolve("evil.tar.xz");
        try (OutputStream out = Files.newOutputStream(evil);
                XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("../escaped");
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        BuildCache cache = new BuildCache(tmp.resolve("cache"));
        FirmwareException e = assertThrows(FirmwareException.class, () -> ToolchainArchive.unpack(evil, steps(cache), null));
        assertTrue(e.getMessage().contains("entry '../escaped' climbs out with '..'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache/toolchain-archive/escaped"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(cache.list().isEmpty());
    }

    @Test
    void anArchiveWithoutMetadataIsNotOurs() throws Exception {
        Files.createDirectories(tmp.resolve("plain/bin"));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> ToolchainArchive.readMetadata(tmp.resolve("plain"), "org.example:tc:1"));
        assertTrue(e.getMessage().startsWith("org.example:tc:1 is not a toolchain archive"), e.getMessage());
    }

    private StepMachine steps(BuildCache cache) {
        return StepMachine.forBuildArea(tmp.resolve("fw"), io.github.firmwaremaven.steps.BuildTimestamp.of(1),
                io.github.firmwaremaven.logging.BuildLog.SILENT).sharingThrough(cache,
                io.github.firmwaremaven.steps.Manifest.Check.CHEAP);
    }
}
