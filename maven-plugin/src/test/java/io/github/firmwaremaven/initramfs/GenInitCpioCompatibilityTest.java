package io.github.firmwaremaven.initramfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.firmwaremaven.testsupport.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our archive of a list is byte for byte what Linux 6.1's own usr/gen_init_cpio writes. */
class GenInitCpioCompatibilityTest {
    private static final long STAMP = 1763769600L;

    @TempDir
    Path tmp;

    @Test
    void everyEntryTypeIncludingHardLinksIsByteIdenticalToGenInitCpio() throws Exception {
        Path files = Files.createDirectories(tmp.resolve("files"));
        // Sizes 0..5 and one over a 64 KiB read buffer exercise every padding case.
        List<String> lines = new ArrayList<>();
        lines.add("# every type gen_init_cpio knows");
        lines.add("dir /dev 0755 0 0");
        lines.add("nod /dev/console 0600 0 0 c 5 1");
        lines.add("nod /dev/sda 0660 0 6 b 8 0");
        lines.add("");
        lines.add("dir /bin 0755 0 0");
        for (int size = 0; size <= 5; size++) {
            Path f = files.resolve("f" + size);
            Files.write(f, "abcde".substring(0, size).getBytes());
            lines.add("file /bin/f" + size + " " + f + " 0644 0 0");
        }
        Path big = files.resolve("big");
        byte[] data = new byte[70001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 7));
        }
        Files.write(big, data);
        lines.add("file /bin/busybox " + big + " 4755 0 0 /bin/ls /sbin-ln /usr-sh");
        lines.add("slink /bin/sh busybox 0777 0 0");
        lines.add("slink /lib64 /lib/x86_64-linux-gnu 0777 1000 100");
        lines.add("pipe /run-fifo 0644 0 0");
        lines.add("sock /run-sock 0755 0 0");
        lines.add("dir /tmp 1777 0 0");
        lines.add("dir /home 0700 1000 1000");
        lines.add("file /home/a-name-of-odd-length.txt " + files.resolve("f3") + " 0600 1000 1000");
        Path list = tmp.resolve("initramfs.list");
        Files.write(list, lines);
        try (var s = Files.list(files)) {
            for (Path f : s.toList()) {
                // gen_init_cpio takes a regular file's time from the file itself, not from -t.
                Files.setLastModifiedTime(f, FileTime.fromMillis(STAMP * 1000));
            }
        }

        Path reference = tmp.resolve("reference.cpio");
        TestMirror.sh(tmp, TestMirror.genInitCpio() + " -t " + STAMP + " " + list + " > " + reference);

        Path ours = tmp.resolve("ours.cpio");
        InitramfsPacker.builder().list(list).env(Map.of()).compression(Compression.NONE).timestamp(STAMP).build()
                .pack(ours, null);

        byte[] expected = Files.readAllBytes(reference);
        byte[] actual = Files.readAllBytes(ours);
        assertEquals(expected.length, actual.length, "archive length");
        assertArrayEquals(expected, actual);
    }

    /** The list we publish (relative locations) gives gen_init_cpio, run in its directory, our archive. */
    @Test
    void publishedListRebuildsTheSameArchiveWithGenInitCpio() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("staging/bin"));
        Files.writeString(tree.resolve("tool"), "#!/bin/sh\necho hi\n");
        Files.writeString(Files.createDirectories(tmp.resolve("staging/etc")).resolve("hostname"), "board\n");
        try (var s = Files.walk(tmp.resolve("staging"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(STAMP * 1000));
            }
        }
        Path out = Files.createDirectories(tmp.resolve("firmware/initramfs"));
        Path ours = out.resolve("initramfs.cpio");
        InitramfsPacker.builder().tree(tmp.resolve("staging")).env(Map.of()).compression(Compression.NONE)
                .timestamp(STAMP).build().pack(ours, out.resolve("initramfs.list"));
        Path reference = tmp.resolve("reference.cpio");
        TestMirror.sh(out, TestMirror.genInitCpio() + " -t " + STAMP + " initramfs.list > " + reference);
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(ours));
    }
}
