package io.github.firmwaremaven.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Batch mode: one log line per piece of work every ten seconds while it runs, with the time it has
 * taken so far and its status ({@code kernel-build (1 min 20 s): last target CC kernel/fork.o}), so a
 * CI log shows a long download or make is alive without a line per file.
 */
public final class Heartbeat implements Progress {
    public static final Duration PERIOD = Duration.ofSeconds(10);

    private final BuildLog log;
    private final Pace pace;

    public Heartbeat(BuildLog log, Pace pace) {
        this.log = log;
        this.pace = pace;
    }

    @Override
    public Task start(String label, Supplier<String> status) {
        long started = pace.now();
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable stop = pace.schedule(() -> {
            if (open.get()) {
                log.info(line(label, status.get(), pace.now() - started));
            }
        });
        return () -> {
            if (open.getAndSet(false)) {
                stop.run();
            }
        };
    }

    static String line(String label, String status, long elapsedNanos) {
        return label + " (" + elapsed(elapsedNanos) + ")" + (status == null || status.isBlank() ? "" : ": " + status);
    }

    /** {@code 10 s}, {@code 1 min 20 s}, {@code 1 h 02 min}: what a reader wants from a running clock. */
    public static String elapsed(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
    }
}
