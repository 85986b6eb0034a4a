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

    /** What the console showed. */
    public record Boot(String match, Path serialLog, Duration elapsed) {}

    /**
     * Starts QEMU with its files under {@code workDir} ({@code serial.log}, {@code qemu.log}, a copy of
     * VARS) and returns once {@code pattern} appears on the console.
     *
     * @throws FirmwareException if QEMU exits or {@code limit} passes first; the message holds the
     *     console's last lines
     */
    public Boot bootUntil(QemuSpec spec, Pattern pattern, Duration limit, Path workDir)
            throws IOException, InterruptedException, FirmwareException {
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
        StringBuilder console = new StringBuilder();
        long[] position = {0};
        try (Progress.Task reporting = progress.start("boot-test", () -> lastConsoleLine(serial))) {
            while (true) {
                boolean alive = started.isAlive();
                readNew(serial, position, console);
                Matcher m = pattern.matcher(console);
                if (m.find()) {
                    return new Boot(m.group(), serial, Duration.ofNanos(System.nanoTime() - t0));
                }
                if (!alive) {
                    throw failure("QEMU exited before '" + pattern + "' appeared on the console", spec, serial, qemuLog);
                }
                if (System.nanoTime() > deadline) {
                    throw failure("'" + pattern + "' did not appear on the console within " + limit.toSeconds() + " s",
                            spec, serial, qemuLog);
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
