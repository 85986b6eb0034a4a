package io.github.firmwaremaven.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathTest {
    @TempDir
    Path tmp;

    private Path tool(Path dir, String name, String mode) throws Exception {
        Path f = Files.writeString(Files.createDirectories(dir).resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void findsTheFirstExecutableOnTheGivenPathOnly() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        tool(first, "cc-probe", "rw-r--r--"); // not executable: skipped, as a shell skips it
        Path wanted = tool(second, "cc-probe", "rwxr-xr-x");
        tool(tmp.resolve("third"), "cc-probe", "rwxr-xr-x");
        Files.createDirectories(second.resolve("dir-probe"));
        String path = first + "::" + second + ":" + tmp.resolve("third");
        assertEquals(wanted, HostPath.which("cc-probe", path));
        assertNull(HostPath.which("dir-probe", path), "a directory is no command");
        assertNull(HostPath.which("sh", path), "the shell's PATH is not searched behind the board's back");
        assertEquals(wanted, HostPath.which(wanted.toString(), "/nonexistent"), "a path is taken as it is");
    }

    @Test
    void theBoardsPathWinsOverTheShells() {
        assertEquals("/opt/board/bin", HostPath.orSystem("/opt/board/bin"));
        assertEquals(HostPath.system(), HostPath.orSystem(null));
        assertEquals(HostPath.system(), HostPath.orSystem(" "));
    }
}
