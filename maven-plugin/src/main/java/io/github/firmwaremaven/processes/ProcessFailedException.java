package io.github.firmwaremaven.processes;

import java.nio.file.Path;
import java.util.List;

/** An external command exited non-zero, timed out or could not start. */
public class ProcessFailedException extends Exception {
    private final int exitCode;
    private final Path logFile;
    private final List<String> lastLines;

    public ProcessFailedException(String message, int exitCode, Path logFile, List<String> lastLines) {
        super(message + describe(logFile, lastLines));
        this.exitCode = exitCode;
        this.logFile = logFile;
        this.lastLines = List.copyOf(lastLines);
    }

    private static String describe(Path logFile, List<String> lastLines) {
        if (lastLines.isEmpty()) {
            return "\nFull log: " + logFile;
        }
        return "\nLast " + lastLines.size() + " lines of " + logFile + ":\n  " + String.join("\n  ", lastLines);
    }

    public int exitCode() {
        return exitCode;
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> lastLines() {
        return lastLines;
    }
}
