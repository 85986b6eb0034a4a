package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.steps.FirmwareException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a short host command (git, patch) and returns its output; a failure carries the output. */
public final class Commands {
    private Commands() {}

    public static String run(List<String> command, Path directory, Map<String, String> env)
            throws IOException, InterruptedException, FirmwareException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        // Messages are parsed and shown to users: keep them in English.
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        String text = new String(out, StandardCharsets.UTF_8);
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
