package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.logging.ConsoleLine;
import io.github.firmwaremaven.logging.Heartbeat;
import io.github.firmwaremaven.logging.Pace;
import io.github.firmwaremaven.logging.Progress;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.plugin.logging.Log;

/**
 * Chooses the core's progress from Maven's own settings, the same on Maven 3.8, 3.9 and 4 (no
 * guessing from the class of Maven's transfer listener, which 3.9 wraps): nothing when the log is
 * quieter than info ({@code -q}); an updating line when the build is interactive (no {@code -B}) and
 * its output is a terminal; otherwise a heartbeat line every ten seconds.
 */
final class MavenProgress {
    enum Mode { NONE, TERMINAL, BATCH }

    private MavenProgress() {}

    static Progress of(MavenExecutionRequest request, Log log, BuildLog buildLog) {
        switch (mode(log.isInfoEnabled(), request.isInteractiveMode(), onTerminal(System.console()))) {
            case NONE:
                return Progress.NONE;
            case TERMINAL:
                return new ConsoleLine(terminal(), Pace.every(ConsoleLine.PERIOD));
            default:
                return new Heartbeat(buildLog, Pace.every(Heartbeat.PERIOD));
        }
    }

    static Mode mode(boolean infoEnabled, boolean interactive, boolean terminal) {
        if (!infoEnabled) {
            return Mode.NONE;
        }
        return interactive && terminal ? Mode.TERMINAL : Mode.BATCH;
    }

    /**
     * Whether standard output is a terminal. Up to Java 21 {@code System.console()} is null otherwise;
     * from Java 22 it may be a console that is not a terminal, which {@code isTerminal()} tells.
     */
    static boolean onTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The terminal itself (file descriptor 1), not {@code System.out}: Maven 4 replaces that with a
     * stream that logs a plugin's output as {@code [stdout]} lines once a line ends, so a line
     * rewritten with carriage returns would appear only at the end of the build.
     */
    @SuppressWarnings("resource") // the process's standard output, not ours to close
    private static PrintStream terminal() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    }
}
