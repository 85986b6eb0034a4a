package io.github.firmwaremaven.qemu;

import io.github.firmwaremaven.logging.Progress;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.processes.ProcessSpec;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boots QEMU headless and watches its serial console for a pattern. QEMU runs in a process group of
 * its own (through {@link ProcessRunner}); whatever happens — match, time-out, failure, interrupt —
 * the group is ended before this returns.
 */
public final class QemuRunner {
    /** Lines of the console shown when the pattern does not come. */
    public static final int TAIL_LINES = 30;
    private static final int KEEP_CHARS = 1 << 20;

    private final ProcessRunner processes;
    private final Progress progress;

    public QemuRunner(ProcessRunner processes) {
        this(processes, Progress.NONE);
    }

    /** With {@code progress} told about the boot while it waits: elapsed time and the console's last line. */
    public QemuRunner(ProcessRunner processes, Progress progress) {
        this.processes = processes;
        this.progress = progress;
    }

    /**
     * What the console showed: the expected match, and the checkpoints passed before it; what the network
     * check found in the page (null without one).
     */
    public record Boot(String match, Path serialLog, Duration elapsed, List<ConsoleWatch.Passed> checkpoints,
            String page) {}

    /**
     * Starts QEMU with its files under {@code workDir} ({@code serial.log}, {@code qemu.log}, a copy of
     * VARS) and returns once {@code pattern} appears on the console.
     *
     * @throws FirmwareException if QEMU exits or {@code limit} passes first; the message holds the
     *     console's last lines
     */
    public Boot bootUntil(QemuSpec spec, Pattern pattern, Duration limit, Path workDir)
            throws IOException, InterruptedException, FirmwareException {
        return bootUntil(spec, new ConsoleWatch(List.of(), List.of(), pattern), limit, workDir);
    }

    /**
     * As {@link #bootUntil(QemuSpec, Pattern, Duration, Path)}, the console read by {@code watch}: its
     * checkpoints must pass in order before the expected line, and a fail-on line ends the boot at once.
     */
    public Boot bootUntil(QemuSpec spec, ConsoleWatch watch, Duration limit, Path workDir)
            throws IOException, InterruptedException, FirmwareException {
        return bootUntil(spec, watch, null, limit, workDir);
    }

    /**
     * As {@link #bootUntil(QemuSpec, ConsoleWatch, Duration, Path)}, with the network check {@code http}
     * (or null): its page is fetched once its ready line appeared, and must be before the expected line counts.
     */
    public Boot bootUntil(QemuSpec spec, ConsoleWatch watch, HttpProbe http, Duration limit, Path workDir)
            throws IOException, InterruptedException, FirmwareException {
        Pattern pattern = watch.expected();
        if (http != null) {
            watch.trigger(http.after());
        }
        String page = null;
        Files.createDirectories(workDir);
        Path serial = workDir.resolve("serial.log");
        Path qemuLog = workDir.resolve("qemu.log");
        Files.deleteIfExists(serial);
        Files.deleteIfExists(qemuLog);
        Files.createFile(serial);
        Path vars = null;
        if (spec.pflashVars() != null) {
            vars = workDir.resolve("vars.fd");
            Files.copy(spec.pflashVars(), vars, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = spec.command(serial, vars);
        ProcessRunner.Started started;
        try {
            started = processes.start(ProcessSpec.builder(command).directory(workDir).logFile(qemuLog).build());
        } catch (ProcessFailedException e) {
            throw new FirmwareException("Could not start " + spec.executable() + "; install QEMU (Debian: "
                    + "qemu-system-x86 / qemu-system-arm)", e);
        }
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        long[] position = {0};
        try (Progress.Task reporting = progress.start("boot-test", () -> lastConsoleLine(serial))) {
            while (true) {
                boolean alive = started.isAlive();
                StringBuilder fresh = new StringBuilder();
                readNew(serial, position, fresh);
                Duration at = Duration.ofNanos(System.nanoTime() - t0);
                String match;
                try {
                    match = watch.feed(fresh, at);
                    if (match == null && !alive) {
                        match = watch.end(at);
                    }
                } catch (ConsoleWatch.Rejected e) {
                    throw failure(e.getMessage() + passedSoFar(watch), spec, serial, qemuLog);
                }
                if (http != null && page == null && watch.triggeredBy() != null) {
                    Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
                    try {
                        page = http.fetch(left.compareTo(Duration.ofSeconds(60)) < 0 ? left : Duration.ofSeconds(60));
                    } catch (FirmwareException e) {
                        throw failure(e.getMessage(), spec, serial, qemuLog);
                    }
                }
                if (match != null) {
                    if (http != null && page == null) {
                        throw failure("The expected '" + pattern + "' came, but the network check's ready line '"
                                + http.after() + "' never did, so the page was not fetched", spec, serial, qemuLog);
                    }
                    return new Boot(match, serial, at, watch.passed(), page);
                }
                String waiting = watch.waitingFor() != null ? "checkpoint '" + watch.waitingFor() + "' ("
                        + (watch.passed().size() + 1) + " of " + (watch.passed().size() + 1
                        + remaining(watch)) + ")" : "'" + pattern + "'";
                if (!alive) {
                    throw failure("QEMU exited before " + waiting + " appeared on the console" + passedSoFar(watch),
                            spec, serial, qemuLog);
                }
                if (System.nanoTime() > deadline) {
                    throw failure(waiting + " did not appear on the console within " + limit.toSeconds() + " s"
                            + passedSoFar(watch), spec, serial, qemuLog);
                }
                Thread.sleep(100);
            }
        } finally {
            started.stop();
        }
    }

    private static void readNew(Path file, long[] position, StringBuilder into) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len <= position[0]) {
                return;
            }
            byte[] buf = new byte[(int) Math.min(len - position[0], KEEP_CHARS)];
            raf.seek(len - buf.length);
            raf.readFully(buf);
            position[0] = len;
            // Consoles print CRLF and odd bytes; ISO-8859-1 never fails to decode.
            into.append(new String(buf, StandardCharsets.ISO_8859_1));
            if (into.length() > KEEP_CHARS) {
                into.delete(0, into.length() - KEEP_CHARS);
            }
        }
    }

    private static int remaining(ConsoleWatch watch) {
        return watch.checkpointCount() - watch.passed().size() - 1;
    }

    private static String passedSoFar(ConsoleWatch watch) {
        StringBuilder sb = new StringBuilder();
        for (ConsoleWatch.Passed p : watch.passed()) {
            sb.append("\n  passed '").append(p.pattern()).append("' at ").append(p.at().toMillis() / 1000.0)
                    .append(" s: ").append(p.line());
        }
        return sb.length() == 0 ? "" : " (checkpoints passed:" + sb + ")";
    }

    private static String lastConsoleLine(Path serial) {
        List<String> last = ProcessRunner.tail(serial, 1);
        String line = last.isEmpty() ? "" : last.get(0).replaceAll("\\p{Cntrl}", "").trim();
        return line.isEmpty() ? null : "console: " + (line.length() > 60 ? line.substring(0, 60) + "..." : line);
    }

    private static FirmwareException failure(String what, QemuSpec spec, Path serial, Path qemuLog) {
        StringBuilder sb = new StringBuilder(what).append(".\nLast console lines (").append(serial).append("):\n");
        for (String line : ProcessRunner.tail(serial, TAIL_LINES)) {
            sb.append("  ").append(line).append('\n');
        }
        List<String> own = ProcessRunner.tail(qemuLog, 10);
        if (!own.isEmpty()) {
            sb.append("QEMU's own output (").append(qemuLog).append("):\n");
            for (String line : own) {
                sb.append("  ").append(line).append('\n');
            }
        }
        return new FirmwareException(sb.toString());
    }
}
