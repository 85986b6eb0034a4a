package io.github.firmwaremaven.initramfs;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.testsupport.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InitramfsPackerTest {
    private static final long STAMP = 1763769600L;

    @TempDir
    Path tmp;

    private static InitramfsPacker.Builder packer() {
        return InitramfsPacker.builder().env(Map.of()).timestamp(STAMP).compression(Compression.NONE);
    }

    private Map<String, CpioEntry> byName(List<CpioEntry> entries) {
        return entries.stream().collect(Collectors.toMap(CpioEntry::name, e -> e));
    }

    @Test
    void laterInputsOverrideEarlierAndListSetsOwnerAndModeOfOverlayFiles() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("staging/bin"));
        Files.writeString(staging.resolve("tool"), "from staging");
        Files.writeString(staging.resolve("keep"), "staging only");
        Path overlay = Files.createDirectories(tmp.resolve("overlay/bin"));
        Files.writeString(overlay.resolve("tool"), "from overlay");
        Path list = tmp.resolve("l.list");
        Files.write(list, List.of("file /bin/tool " + overlay.resolve("tool") + " 4711 0 0",
                "dir /bin 0700 1 2", "nod /dev-console 0600 0 0 c 5 1"));
        List<CpioEntry> entries = packer().tree(tmp.resolve("staging")).tree(tmp.resolve("overlay")).list(list).build()
                .entries();
        Map<String, CpioEntry> m = byName(entries);
        assertEquals(overlay.resolve("tool"), m.get("bin/tool").source());
        assertEquals(04711, m.get("bin/tool").mode());
        assertEquals(0700, m.get("bin").mode());
        assertEquals(1, m.get("bin").uid());
        assertEquals(0644, m.get("bin/keep").mode());
        // Tree entries sorted, parents first, list-only entries after them.
        assertEquals(List.of("bin", "bin/keep", "bin/tool", "dev-console"),
                entries.stream().map(CpioEntry::name).toList());
    }

    /** A list with a mistake, the line the message must name, and what else it must say. */
    static Stream<Arguments> badLists() {
        return Stream.of(
                Arguments.of(Named.of("the same path twice names both lines",
                        List.of("dir /dev 0755 0 0", "# c", "dir /dev 0700 0 0")), 3, "line 1"),
                Arguments.of(Named.of("a missing source file",
                        List.of("dir /bin 0755 0 0", "file /bin/x /no/such/file 0755 0 0")), 2, "/no/such/file"),
                Arguments.of(Named.of("a device neither b nor c",
                        List.of("", "nod /dev/console 0600 0 0 x 5 1")), 2, "b or c"),
                Arguments.of(Named.of("an unknown entry type",
                        List.of("blob /x 0644 0 0")), 1, "unknown entry type"));
    }

    @ParameterizedTest
    @MethodSource("badLists")
    void aBadListLineFailsNamingTheFileAndLine(List<String> lines, int lineNumber, String alsoSaid) throws Exception {
        Path list = Files.write(tmp.resolve("bad.list"), lines);
        FirmwareException e = assertThrows(FirmwareException.class, () -> packer().list(list).build().entries());
        assertContainsAll(e.getMessage(), list + ":" + lineNumber, alsoSaid);
    }

    @Test
    void symlinkLeavingTheOverlayIsRefused() throws Exception {
        Path overlay = Files.createDirectories(tmp.resolve("overlay/etc"));
        Files.createSymbolicLink(overlay.resolve("passwd"), Paths.get("../../../etc/passwd"));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> packer().tree(tmp.resolve("overlay")).build().entries());
        assertTrue(e.getMessage().contains(overlay.resolve("passwd").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void failedPackLeavesNoFileUnderTheOutputNameAndKeepsTheOldOne() throws Exception {
        Path list = tmp.resolve("l.list");
        // /proc files claim size 0 but have content: the packer notices the change mid-write.
        Files.write(list, List.of("file /status /proc/self/status 0644 0 0"));
        Path out = tmp.resolve("initramfs.cpio.gz");
        Files.writeString(out, "previous good archive");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> packer().compression(Compression.GZIP).list(list).build().pack(out, null));
        assertTrue(e.getMessage().contains("changed size"), e.getMessage());
        assertEquals("previous good archive", Files.readString(out));
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary file left behind");
        }
    }

    @Test
    void writesAListGenInitCpioReads() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t/sbin"));
        Files.writeString(tree.resolve("init"), "#!/bin/sh\n");
        Path listOut = tmp.resolve("out/initramfs.list");
        packer().tree(tmp.resolve("t")).build().pack(tmp.resolve("out/initramfs.cpio"), listOut);
        String text = Files.readString(listOut);
        assertTrue(text.contains("dir /sbin 0755 0 0"), text);
        // Relative to the list's directory: a published artifact must not carry the build directory.
        assertTrue(text.contains("file /sbin/init ../t/sbin/init 0644 0 0"), text);
        assertFalse(text.contains(tmp.toString()), text);
        // Read back by our own list reader, it packs the same bytes as the tree did.
        Path fromList = tmp.resolve("from-list.cpio");
        packer().list(listOut).build().pack(fromList, null);
        assertEquals(-1, Files.mismatch(tmp.resolve("out/initramfs.cpio"), fromList));
    }

    /**
     * Same inputs in two directories, created under different umasks, packed by JVMs with different
     * umasks and time zones: the same bytes for every compression.
     */
    @Test
    void packsAreReproducibleAcrossDirectoriesUmasksAndTimeZones() throws Exception {
        Path a = makeTree(tmp.resolve("a/rootfs"), "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x", 1_000_000_000L);
        Path b = makeTree(tmp.resolve("elsewhere/b/rootfs"), "rw-------", "rwx------", "rwx------", 1_600_000_000L);
        for (Compression c : Compression.values()) {
            Path outA = tmp.resolve("a." + c.extension());
            Path outB = tmp.resolve("b." + c.extension());
            packInChildJvm(a, outA, c, "022", "UTC");
            packInChildJvm(b, outB, c, "077", "America/Los_Angeles");
            assertEquals(-1, Files.mismatch(outA, outB), c + " archives differ");
        }
    }

    private static Path makeTree(Path root, String file, String exec, String dir, long mtime) throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "board\n");
        Files.writeString(bin.resolve("tool"), "#!/bin/sh\necho hi\n");
        Files.createSymbolicLink(root.resolve("bin"), Paths.get("usr/bin"));
        Files.setPosixFilePermissions(root.resolve("etc/hostname"), PosixFilePermissions.fromString(file));
        Files.setPosixFilePermissions(bin.resolve("tool"), PosixFilePermissions.fromString(exec));
        for (Path d : List.of(root.resolve("usr"), bin, root.resolve("etc"))) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(dir));
        }
        for (Path p : List.of(root.resolve("etc/hostname"), bin.resolve("tool"), bin, root.resolve("etc"))) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(mtime * 1000));
        }
        return root;
    }

    private void packInChildJvm(Path tree, Path out, Compression c, String umask, String tz) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        TestMirror.sh(tmp, "umask " + umask + " && TZ=" + tz + " exec '" + java + "' -Xmx128m -cp '" + cp + "' "
                + PackInitramfsMain.class.getName() + " --tree " + tree + " --compression " + c.name()
                + " --timestamp " + STAMP + " --out " + out);
    }
}
