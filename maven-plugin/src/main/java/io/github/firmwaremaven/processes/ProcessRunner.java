package io.github.firmwaremaven.processes;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands the one way this plugin runs them: argument lists, an explicit environment,
 * umask 022, each command in a process group of its own, all output appended to a log file, and the
 * whole group ended when the build is interrupted or the JVM exits.
 */
public final class ProcessRunner {
    /** Environment variable carrying a random token; it marks every process of one started group. */
    public static final String TOKEN_VARIABLE = "FIRMWARE_MAVEN_PROCESS_TOKEN";

    /** Lines of the log shown in a failure message. */
    public static final int TAIL_LINES = 40;

    private static final Set<Long> LIVE_GROUPS = ConcurrentHashMap.newKeySet();

    static {
        // Ctrl-C of Maven runs shutdown hooks: end whatever we started, not only the direct child.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Long pgid : LIVE_GROUPS) {
                ProcessGroups.signal(pgid, "KILL");
            }
        }, "firmware-process-reaper"));
    }

    /**
     * Told about each group before it starts (the token every member will carry) and after (its id),
     * so a later run can end it if this JVM dies at any moment, even between the two.
     */
    public interface GroupListener {
        void starting(String token) throws IOException;

        default void started(long pgid, String token) throws IOException {}

        GroupListener NONE = token -> {};
    }

    private final GroupListener listener;

    public ProcessRunner() {
        this(GroupListener.NONE);
    }

    public ProcessRunner(GroupListener listener) {
        this.listener = listener;
    }

    /** Runs to completion; a non-zero exit, a time-out or a failed start throws with the log's tail. */
    public void run(ProcessSpec spec) throws ProcessFailedException, InterruptedException, IOException {
        Started started = start(spec);
        int code;
        try {
            code = started.waitFor(spec.timeout() == null ? -1 : spec.timeout().toMillis());
        } catch (InterruptedException e) {
            started.stop();
            throw e;
        }
        if (code == Started.TIMED_OUT) {
            throw new ProcessFailedException(
                    "Timed out after " + spec.timeout().toSeconds() + " s: " + spec.display(),
                    code, spec.logFile(), tail(spec.logFile(), TAIL_LINES));
        }
        if (code != 0) {
            throw new ProcessFailedException(
                    "Exit code " + code + " from: " + spec.display(), code, spec.logFile(),
                    tail(spec.logFile(), TAIL_LINES));
        }
    }

    /** Starts the command and returns at once; the caller must {@link Started#stop()} or wait. */
    public Started start(ProcessSpec spec) throws IOException, ProcessFailedException {
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        Files.createDirectories(spec.directory());
        String token = UUID.randomUUID().toString();
        List<String> wrapped = new ArrayList<>();
        // setsid: a new session and process group whose id is the child's pid (Java's child is never
        // a group leader, so setsid execs in place). sh only sets the umask, then execs the command;
        // the command's arguments travel as positional parameters, never through the shell's parser.
        wrapped.add("setsid");
        wrapped.add("/bin/sh");
        wrapped.add("-c");
        wrapped.add("umask 022 && exec \"$@\"");
        wrapped.add("firmware-step");
        wrapped.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(wrapped);
        pb.directory(spec.directory().toFile());
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        pb.environment().put(TOKEN_VARIABLE, token);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Files.writeString(spec.logFile(), "$ " + spec.display() + "\n  (in " + spec.directory() + ")\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        listener.starting(token);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ProcessFailedException("Could not start " + spec.command().get(0) + " (" + e.getMessage()
                    + "); is it installed and on PATH?", -1, spec.logFile(), List.of());
        }
        long pgid = process.pid();
        LIVE_GROUPS.add(pgid);
        awaitOwnGroup(process);
        try {
            listener.started(pgid, token);
        } catch (IOException | RuntimeException e) {
            ProcessGroups.terminate(pgid, 0);
            LIVE_GROUPS.remove(pgid);
            throw e;
        }
        return new Started(process, pgid, token);
    }

    /**
     * Waits (briefly) until setsid has made the child a group leader, so that a stop right after
     * start signals the new group and not the JVM's own.
     */
    private static void awaitOwnGroup(Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (ProcessGroups.groupOf(process.pid()) == process.pid()) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A running process group. */
    public static final class Started {
        public static final int TIMED_OUT = Integer.MIN_VALUE;
        private final Process process;
        private final long pgid;
        private final String token;

        private Started(Process process, long pgid, String token) {
            this.process = process;
            this.pgid = pgid;
            this.token = token;
        }

        public long pgid() {
            return pgid;
        }

        public String token() {
            return token;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits for the group leader; any descendant it left behind is ended too, so nothing of
         * the step outlives it. Returns the exit code, or {@link #TIMED_OUT}.
         */
        public int waitFor(long millis) throws InterruptedException {
            try {
                if (millis < 0) {
                    process.waitFor();
                } else if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                    stop();
                    return TIMED_OUT;
                }
                int code = process.exitValue();
                ProcessGroups.terminate(pgid, 0);
                LIVE_GROUPS.remove(pgid);
                return code;
            } catch (InterruptedException e) {
                stop();
                throw e;
            }
        }

        /** Ends the whole group: TERM, then KILL after a short grace. */
        public void stop() {
            ProcessGroups.terminate(pgid, 2000);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE_GROUPS.remove(pgid);
        }
    }

    /** The last {@code count} lines of a text file, read from its end (logs can be large). */
    public static List<String> tail(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64L * 1024);
            byte[] buf = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            String[] lines = text.split("\r?\n");
            Deque<String> last = new ArrayDeque<>();
            for (int i = lines.length - 1; i >= 0 && last.size() < count; i--) {
                if (i == 0 && start > 0) {
                    break; // probably a partial line
                }
                last.addFirst(lines[i]);
            }
            return new ArrayList<>(last);
        } catch (IOException e) {
            return List.of();
        }
    }
}
