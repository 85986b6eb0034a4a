package io.github.firmwaremaven.processes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher for commands that belong to no step: a compiler's {@code -dumpmachine}, a tool's
 * {@code --version}, git and patch, a host decompressor, and the interactive ones (menuconfig, QEMU
 * on the terminal). Steps run their commands through {@link ProcessRunner}, with a log and process
 * groups; these take milliseconds, or belong to the user's terminal. Standard input is
 * {@code /dev/null} unless the command is interactive.
 */
public final class ShortCommand {
    /** Exit code and merged output of one command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String firstLine() {
            String t = output.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? t : t.substring(0, nl).strip();
        }
    }

    /** Exit code, standard output as the bytes the command wrote, and standard error as text. */
    public record RawResult(int exitCode, byte[] output, String errors) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of standard error, for a message. */
        public String firstErrorLine() {
            String t = errors.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? t : t.substring(0, nl).strip();
        }
    }

    /** Sees each piece of a command's standard output as it arrives. */
    @FunctionalInterface
    public interface OutputSink {
        void accept(byte[] bytes, int offset, int length);
    }

    private static final int MAX_ERRORS = 64 * 1024;

    private final List<String> command;
    private Path directory;
    private Map<String, String> environment;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private int maxOutput = Integer.MAX_VALUE;
    private long timeoutSeconds;

    private ShortCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ShortCommand of(List<String> command) {
        return new ShortCommand(command);
    }

    public static ShortCommand of(String... command) {
        return new ShortCommand(List.of(command));
    }

    public ShortCommand directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** The whole environment: nothing of Maven's passes through. */
    public ShortCommand environment(Map<String, String> env) {
        this.environment = new LinkedHashMap<>(env);
        return this;
    }

    /** Variables set on top of the environment (Maven's own when none was given). */
    public ShortCommand set(Map<String, String> env) {
        extra.putAll(env);
        return this;
    }

    public ShortCommand set(String name, String value) {
        extra.put(name, value);
        return this;
    }

    /** Reads at most this many bytes of output. */
    public ShortCommand maxOutput(int bytes) {
        this.maxOutput = bytes;
        return this;
    }

    /** Ends the command forcibly after this long; 0 waits for ever. */
    public ShortCommand timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    public List<String> command() {
        return command;
    }

    private ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (environment != null) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        pb.environment().putAll(extra);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return pb;
    }

    /** Runs to the end with standard error merged into the output. */
    public Result run() throws IOException, InterruptedException {
        Process p = builder().redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            byte[] out = p.getInputStream().readNBytes(maxOutput);
            if (timeoutSeconds > 0) {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, new String(out, StandardCharsets.UTF_8)
                            + "\n(timed out after " + timeoutSeconds + " s)");
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            }
            return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Runs to the end and keeps standard output as bytes, undecoded: for output that is data (file
     * names, which need not be UTF-8), not a message. Each piece is handed to {@code sink} while the
     * command still runs, so that, say, a digest of it is ready when the command ends. Standard error
     * is read apart (on a thread of its own, so that neither pipe fills up) and kept as text.
     */
    public RawResult runRaw(OutputSink sink) throws IOException, InterruptedException {
        Process p = builder().redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            byte[][] errors = {new byte[0]};
            Thread errorReader = new Thread(() -> {
                try {
                    errors[0] = p.getErrorStream().readNBytes(MAX_ERRORS);
                    p.getErrorStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    errors[0] = ("(standard error unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
                }
            }, "stderr of " + command.get(0));
            errorReader.setDaemon(true);
            errorReader.start();
            byte[] out = new byte[Math.min(1 << 16, maxOutput)];
            int length = 0;
            try (InputStream in = p.getInputStream()) {
                while (length < maxOutput) {
                    if (length == out.length) {
                        out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, maxOutput));
                    }
                    int n = in.read(out, length, out.length - length);
                    if (n < 0) {
                        break;
                    }
                    sink.accept(out, length, n);
                    length += n;
                }
            }
            int exit;
            if (timeoutSeconds > 0 && !p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                exit = -1;
            } else {
                exit = p.waitFor();
            }
            errorReader.join();
            String errorText = new String(errors[0], StandardCharsets.UTF_8)
                    + (exit == -1 ? "\n(timed out after " + timeoutSeconds + " s)" : "");
            return new RawResult(exit, Arrays.copyOf(out, length), errorText);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs on the user's terminal (menuconfig, an interactive QEMU); returns the exit code. */
    public int runOnTerminal() throws IOException, InterruptedException {
        Process p = builder().inheritIO().start();
        try {
            return p.waitFor();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts it with standard output to read and standard error into {@code errors}. */
    public Process startReading(File errors) throws IOException {
        return builder().redirectError(errors).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
