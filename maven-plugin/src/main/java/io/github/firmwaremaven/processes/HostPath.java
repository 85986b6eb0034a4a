package io.github.firmwaremaven.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The host's search path and the one lookup of a command on it. A board may set its own
 * ({@code firmware.hostPath}); every lookup of a host tool takes that path, so a tool is found where
 * the board says, never on the shell's PATH behind its back.
 */
public final class HostPath {
    /** What a search path is when neither the board nor the shell sets one. */
    static final String FALLBACK = "/usr/local/bin:/usr/bin:/bin";

    private HostPath() {}

    /** The shell's PATH, or the usual directories when it has none. */
    public static String system() {
        String path = System.getenv("PATH");
        return path == null || path.isEmpty() ? FALLBACK : path;
    }

    /** The board's host path when it sets one, else the shell's. */
    public static String orSystem(String boardPath) {
        return boardPath != null && !boardPath.isBlank() ? boardPath : system();
    }

    /**
     * The executable file {@code command} names on {@code searchPath} (a PATH string; null: the
     * shell's), or null. A command with a slash is taken as it is, as a shell would.
     */
    public static Path which(String command, String searchPath) {
        if (command.contains("/")) {
            Path p = Paths.get(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        for (String dir : (searchPath != null ? searchPath : system()).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Paths.get(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Whether the file is a compiled program (ELF), whose answers follow from its own bytes; a script
     * may run another program each time, so what it said cannot be remembered by its identity.
     */
    public static boolean isCompiledProgram(java.nio.file.Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
