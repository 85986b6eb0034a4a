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
    void aRememberedAnswerServesUntilTheFileIsReplaced() throws Exception {
        Path area = dir.resolve("area");
        Path tool = tool(dir.resolve("bin1"), "cc (Test) 1.0");
        DigestMemo memo = ToolIdentity.memo(area);
        assertEquals("cc (Test) 1.0", memo.remembered("version", tool.toRealPath(), () -> "cc (Test) 1.0"));
        memo.save();
        // Another build sees only the memo file: the same file is served from it.
        assertEquals("cc (Test) 1.0", ToolIdentity.memo(area).remembered("version", tool.toRealPath(), () -> "ran again"));
        // Replaced the way a package manager replaces binaries (a new file moved over it): derived again.
        tool(dir.resolve("bin1"), "cc (Test) 2.0");
        assertEquals("cc (Test) 2.0 (asked)",
                ToolIdentity.memo(area).remembered("version", tool.toRealPath(), () -> "cc (Test) 2.0 (asked)"));
    }

    @Test
    void aScriptToolIsAskedEveryBuild() throws Exception {
        // A script may run another program each time: its version line is never taken from the memo.
        Path area = dir.resolve("area");
        Path tool = tool(dir.resolve("bin2"), "cc (Script) 1.0");
        String first = ToolIdentity.of("cc", tool.getParent().toString(), ToolIdentity.memo(area));
        assertTrue(first.endsWith(" cc (Script) 1.0"), first);
        assertTrue(first.contains(Digests.sha256(tool)), first);
        assertEquals(1, asked());
        assertTrue(!Files.exists(area.resolve("state/tool-digests.properties"))
                || !Files.readString(area.resolve("state/tool-digests.properties")).contains("version"));
        tool(dir.resolve("bin2"), "cc (Script) 2.0");
        String second = ToolIdentity.of("cc", tool.getParent().toString(), ToolIdentity.memo(area));
        assertTrue(second.endsWith(" cc (Script) 2.0"), second);
        assertNotEquals(first, second);
        assertEquals(2, asked());
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
