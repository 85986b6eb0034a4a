package io.github.firmwaremaven.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    final RecordingLog log = new RecordingLog();
    final FakeClock clock = new FakeClock();
    final ManualTicker ticker = new ManualTicker();
    final Heartbeat heartbeat = new Heartbeat(log, new Pace(Heartbeat.PERIOD, clock, ticker));

    /** What the scheduler would do every ten seconds, with the clock moving along. */
    void tenSecondsPass() {
        clock.advance(Duration.ofSeconds(10));
        ticker.tick();
    }

    @Test
    void aLongTaskLogsOneLineEveryTenSecondsWithElapsedTimeAndStatusAndNoneOnceClosed() {
        AtomicReference<String> status = new AtomicReference<>("1 MiB of 95 MiB");
        try (Progress.Task t = heartbeat.start("Downloading linux.tar.xz", status::get)) {
            assertEquals(List.of(Duration.ofSeconds(10)), ticker.periods);
            tenSecondsPass();
            status.set("40 MiB of 95 MiB");
            tenSecondsPass();
            clock.advance(Duration.ofSeconds(55));
            ticker.tick();
        }
        assertEquals(0, ticker.active(), "the ticker is stopped when the task ends");
        tenSecondsPass();
        assertEquals(List.of("INFO Downloading linux.tar.xz (10 s): 1 MiB of 95 MiB",
                "INFO Downloading linux.tar.xz (20 s): 40 MiB of 95 MiB",
                "INFO Downloading linux.tar.xz (1 min 15 s): 40 MiB of 95 MiB"), log.lines);
    }

    @Test
    void aTaskShorterThanThePeriodLogsNothing() {
        try (Progress.Task t = heartbeat.start("kernel-config", () -> "last target HOSTCC scripts/kconfig/conf.o")) {
            clock.advance(Duration.ofSeconds(9));
        }
        ticker.tick();
        assertEquals(List.of(), log.lines);
    }

    @Test
    void withoutStatusOnlyTheTimeIsShown() {
        try (Progress.Task t = heartbeat.start("source-linux", () -> null)) {
            tenSecondsPass();
        }
        assertEquals(List.of("INFO source-linux (10 s)"), log.lines);
    }

    @Test
    void closingTwiceStopsOnce() {
        Progress.Task t = heartbeat.start("x", () -> null);
        t.close();
        t.close();
        assertEquals(0, ticker.active());
    }

    @Test
    void elapsedReadsLikeAClock() {
        assertEquals("0 s", Heartbeat.elapsed(0));
        assertEquals("10 s", Heartbeat.elapsed(Duration.ofMillis(9_600).toNanos()));
        assertEquals("1 min 0 s", Heartbeat.elapsed(Duration.ofSeconds(60).toNanos()));
        assertEquals("59 min 59 s", Heartbeat.elapsed(Duration.ofSeconds(3599).toNanos()));
        assertEquals("1 h 02 min", Heartbeat.elapsed(Duration.ofMinutes(62).toNanos()));
    }

    @Test
    void theDaemonTickerRunsOnADaemonThreadAtItsPeriodAndStopsWhenTold() throws Exception {
        List<Boolean> daemon = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Runnable stop = Ticker.DAEMON.every(Duration.ofMillis(20), () -> {
            daemon.add(Thread.currentThread().isDaemon());
            three.countDown();
        });
        assertTrue(three.await(5, TimeUnit.SECONDS), "three ticks at a 20 ms period");
        stop.run();
        int ticks = daemon.size();
        Thread.sleep(100);
        assertEquals(ticks, daemon.size(), "no tick after the stop");
        assertTrue(daemon.stream().allMatch(d -> d), daemon.toString());
    }

    @Test
    void aFailingStatusSkipsOneReportNotTheNext() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        int[] calls = {0};
        Runnable stop = Ticker.DAEMON.every(Duration.ofMillis(10), () -> {
            two.countDown();
            if (calls[0]++ == 0) {
                throw new IllegalStateException("log file rotated");
            }
        });
        try {
            assertTrue(two.await(5, TimeUnit.SECONDS), "the tick after a failed one still runs");
        } finally {
            stop.run();
        }
    }
}
