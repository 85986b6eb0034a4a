package io.github.firmwaremaven.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopyTest {
    @TempDir
    Path tmp;

    /** Copies tree one, then tree two, into one staging directory, as the rootfs staging merge does. */
    private Path stageOneThenTwo() throws Exception {
        Path to = tmp.resolve("staging");
        TreeCopy.copy(tmp.resolve("one"), to);
        TreeCopy.copy(tmp.resolve("two"), to);
        return to;
    }

    @Test
    void aDirectoryMeetingAnInsideLinkIsMergedThroughItAndLinksStayLinks() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one/usr/bin"));
        Files.createSymbolicLink(tmp.resolve("one/bin"), Path.of("usr/bin"));
        Path two = Files.createDirectories(tmp.resolve("two/bin"));
        Files.writeString(two.resolve("sh"), "busybox\n");
        Path to = stageOneThenTwo();
        assertTrue(Files.isSymbolicLink(to.resolve("bin")));
        assertEquals("busybox\n", Files.readString(to.resolve("usr/bin/sh")));
    }

    @Test
    void aDirectoryMeetingALinkThatLeadsOutIsRefusedAndNothingIsWrittenThere() throws Exception {
        Path canary = Files.createDirectories(tmp.resolve("canary"));
        Files.createDirectories(tmp.resolve("one/a"));
        Files.createSymbolicLink(tmp.resolve("one/a/l1"), Path.of(".."));
        Files.createSymbolicLink(tmp.resolve("one/a/l2"), Path.of("l1/.."));
        Files.createDirectories(tmp.resolve("two/a/l2/canary"));
        Files.writeString(tmp.resolve("two/a/l2/canary/evil"), "x");
        Path to = tmp.resolve("staging");
        TreeCopy.copy(tmp.resolve("one"), to);
        TreeCopy.Refused e = assertThrows(TreeCopy.Refused.class, () -> TreeCopy.copy(tmp.resolve("two"), to));
        assertTrue(e.getMessage().contains("'a/l2' is a symbolic link that leads above the tree"), e.getMessage());
        try (Stream<Path> s = Files.list(canary)) {
            assertEquals(0, s.count());
        }
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void aFileMeetingALinkReplacesTheLink() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "keep\n");
        Files.createDirectories(tmp.resolve("one"));
        Files.createSymbolicLink(tmp.resolve("one/f"), outside);
        Files.createDirectories(tmp.resolve("two"));
        Files.writeString(tmp.resolve("two/f"), "new\n");
        Path to = stageOneThenTwo();
        assertFalse(Files.isSymbolicLink(to.resolve("f")));
        assertEquals("new\n", Files.readString(to.resolve("f")));
        assertEquals("keep\n", Files.readString(outside));
    }
}
