package io.github.firmwaremaven.logging;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs an action at a fixed period until stopped: a daemon thread in builds, by hand in tests. */
public interface Ticker {
    /** Runs {@code tick} every {@code period}, the first time one period from now, until the result runs. */
    Runnable every(Duration period, Runnable tick);

    /**
     * One daemon thread per call, ended by the stop action: a report never keeps the JVM alive, and
     * none is printed once the work it reports on has ended.
     */
    Ticker DAEMON = (period, tick) -> {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "firmware-progress");
            t.setDaemon(true);
            return t;
        });
        long nanos = period.toNanos();
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // A report that failed (a log file read at the wrong moment) is skipped, not the next ones.
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> {
            future.cancel(false);
            executor.shutdown();
            try {
                // A report being printed right now finishes before the work's own next line.
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    };
}
