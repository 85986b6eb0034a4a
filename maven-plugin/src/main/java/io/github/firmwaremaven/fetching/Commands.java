package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.processes.ShortCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a short host command (git, patch) and returns its output; a failure carries the output. */
public final class Commands {
    private Commands() {}

    public static String run(List<String> command, Path directory, Map<String, String> env)
            throws IOException, InterruptedException, FirmwareException {
        // Messages are parsed and shown to users: keep them in English.
        ShortCommand.Result r = ShortCommand.of(command).directory(directory).set("LC_ALL", "C").set(env).run();
        int rc = r.exitCode();
        String text = r.output();
        if (rc != 0) {
            throw new CommandFailed(String.join(" ", command) + " failed (exit " + rc + "):\n" + text.strip(), text);
        }
        return text;
    }

    /** A command that exited non-zero; {@link #output()} is what it printed. */
    public static final class CommandFailed extends FirmwareException {
        private final String output;

        CommandFailed(String message, String output) {
            super(message);
            this.output = output;
        }

        public String output() {
            return output;
        }
    }
}
