package io.github.firmwaremaven.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.FakeClock;
import io.github.firmwaremaven.logging.Heartbeat;
import io.github.firmwaremaven.logging.Pace;
import io.github.firmwaremaven.logging.ManualTicker;
import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner never leaves QEMU behind: not on a time-out, not on an interrupt. */
class QemuRunnerTest {
    @TempDir
    Path tmp;

    private static QemuSpec idleMachine() {
        // No kernel, no disk: SeaBIOS finds nothing to boot and QEMU idles forever.
        return QemuSpec.builder("x86_64").machine("pc").memoryMb(32).accel("tcg").build();
    }

    private static List<ProcessHandle> qemusUnder(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void patternThatNeverComesFailsWithinItsLimitAndNoQemuRemains() {
        Path work = tmp.resolve("never");
        long t0 = System.nanoTime();
        FirmwareException e = assertThrows(FirmwareException.class, () -> new QemuRunner(new ProcessRunner())
                .bootUntil(idleMachine(), Pattern.compile("NEVER-PRINTED"), Duration.ofSeconds(3), work));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 12, "took " + seconds + " s for a 3 s limit");
        assertTrue(e.getMessage().contains("within 3 s"), e.getMessage());
        assertTrue(e.getMessage().contains("serial.log"), e.getMessage());
        assertTrue(qemusUnder(work).isEmpty(), "QEMU still running: " + qemusUnder(work));
    }

    @Test
    void interruptStopsQemu() throws Exception {
        Path work = tmp.resolve("interrupted");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new QemuRunner(new ProcessRunner()).bootUntil(idleMachine(), Pattern.compile("NEVER-PRINTED"),
                        Duration.ofSeconds(120), work);
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        t.start();
        long until = System.currentTimeMillis() + 10_000;
        while (qemusUnder(work).isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertTrue(!qemusUnder(work).isEmpty(), "QEMU never started");
        t.interrupt();
        t.join(15_000);
        assertTrue(!t.isAlive(), "runner did not return after interrupt");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertTrue(qemusUnder(work).isEmpty(), "QEMU still running: " + qemusUnder(work));
    }

    @Test
    void whileWaitingTheBootReportsItsTimeAndStopsReportingWhenItEnds() throws Exception {
        RecordingLog log = new RecordingLog();
        FakeClock clock = new FakeClock();
        ManualTicker ticker = new ManualTicker();
        Path work = tmp.resolve("heartbeat");
        // The scheduler's part, by hand: ten seconds pass once QEMU has started.
        Thread tenSeconds = new Thread(() -> {
            long until = System.currentTimeMillis() + 10_000;
            while (ticker.active() == 0 && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            clock.advance(Duration.ofSeconds(10));
            ticker.tick();
        });
        tenSeconds.start();
        assertThrows(FirmwareException.class, () -> new QemuRunner(new ProcessRunner(),
                new Heartbeat(log, new Pace(Heartbeat.PERIOD, clock, ticker))).bootUntil(idleMachine(),
                        Pattern.compile("NEVER-PRINTED"), Duration.ofSeconds(3), work));
        tenSeconds.join(15_000);
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).startsWith("INFO boot-test (10 s)"), log.lines.toString());
        assertEquals(0, ticker.active(), "no reports once the boot has ended");
    }
}
