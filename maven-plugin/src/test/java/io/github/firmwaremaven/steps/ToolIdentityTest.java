package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolIdentityTest {
    @TempDir
    Path dir;

    /** A tool that counts how often it was asked its version. */
    private Path tool(Path bin, String version) throws Exception {
        Files.createDirectories(bin);
        Path tool = bin.resolve("cc");
        Path tmp = bin.resolve("cc.new");
        Files.writeString(tmp, "#!/bin/sh\necho x >> " + dir.resolve("asked") + "\necho '" + version + "'\n");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.move(tmp, tool, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return tool;
    }

    private long asked() throws Exception {
        return Files.exists(dir.resolve("asked")) ? Files.readAllLines(dir.resolve("asked")).size() : 0;
    }

    @Test
    void aRememberedToolIsNeitherHashedNorAskedAgainUntilItIsReplaced() throws Exception {
        Path area = dir.resolve("area");
        // Each case in its own directory: the JVM-wide memo is keyed by path, size and time.
        Path tool = tool(dir.resolve("bin1"), "cc (Test) 1.0");
        String first = ToolIdentity.of("cc", tool.getParent().toString(), ToolIdentity.memo(area));
        assertTrue(first.endsWith(" cc (Test) 1.0"), first);
        assertTrue(first.contains(Digests.sha256(tool)), first);
        assertEquals(1, asked());

        // Another build (a new JVM sees only the memo file): the same tool at another path with the same
        // identity is a different key; the same path is served from the memo without running the tool.
        DigestMemo memo = ToolIdentity.memo(area);
        assertEquals(Digests.sha256(tool), memo.sha256(tool));
        assertEquals("cc (Test) 1.0", memo.remembered("version", tool.toRealPath(), () -> "ran again"));
        assertEquals(1, asked(), "the version line came from the memo");

        // Replaced the way a package manager replaces binaries (a new file moved over it): asked again.
        tool(dir.resolve("bin1"), "cc (Test) 2.0");
        String second = memo.remembered("version", tool.toRealPath(), () -> "cc (Test) 2.0 (asked)");
        assertEquals("cc (Test) 2.0 (asked)", second);
        String viaTool = ToolIdentity.of("cc", tool.getParent().toString(), ToolIdentity.memo(area));
        assertTrue(viaTool.endsWith(" cc (Test) 2.0"), viaTool);
        assertNotEquals(first, viaTool);
    }

    @Test
    void aToolThatDoesNotAnswerIsNotRememberedSo() throws Exception {
        Path file = Files.writeString(dir.resolve("tool"), "x");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        DigestMemo memo = ToolIdentity.memo(dir.resolve("area"));
        assertEquals(null, memo.remembered("version", file, () -> null));
        assertEquals("answered", memo.remembered("version", file, () -> "answered"));
        assertEquals("answered", memo.remembered("version", file, () -> "not asked"));
    }
}
