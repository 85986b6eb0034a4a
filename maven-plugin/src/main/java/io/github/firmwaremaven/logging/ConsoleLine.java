package io.github.firmwaremaven.logging;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A terminal: one line, rewritten in place every second while work runs ({@code \r}, like Maven's own
 * transfer progress), and wiped when the work ends so the next log line starts clean. Work running at
 * the same time shares the line.
 */
public final class ConsoleLine implements Progress {
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** Wider lines would wrap on an 80-column terminal, and a wrapped line cannot be rewritten with CR. */
    static final int WIDTH = 79;

    private final PrintStream out;
    private final Pace pace;
    private final Map<Object, Entry> running = new LinkedHashMap<>();
    private Runnable stopTicking;
    private int shown;

    private record Entry(String label, Supplier<String> status, long started) {}

    public ConsoleLine(PrintStream out, Pace pace) {
        this.out = out;
        this.pace = pace;
    }

    @Override
    public Task start(String label, Supplier<String> status) {
        Object key = new Object();
        synchronized (this) {
            running.put(key, new Entry(label, status, pace.now()));
            if (stopTicking == null) {
                stopTicking = pace.schedule(this::redraw);
            }
        }
        return () -> finish(key);
    }

    private void finish(Object key) {
        Runnable stop = null;
        synchronized (this) {
            if (running.remove(key) == null) {
                return;
            }
            if (running.isEmpty()) {
                stop = stopTicking;
                stopTicking = null;
                wipe();
            }
        }
        if (stop != null) {
            stop.run();
        }
    }

    private synchronized void redraw() {
        if (running.isEmpty()) {
            return;
        }
        long now = pace.now();
        List<String> parts = new ArrayList<>();
        for (Entry e : running.values()) {
            parts.add(Heartbeat.line(e.label(), e.status().get(), now - e.started()));
        }
        String text = String.join(" | ", parts);
        if (text.length() > WIDTH) {
            text = text.substring(0, WIDTH - 3) + "...";
        }
        out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
        out.flush();
        shown = text.length();
    }

    /**
     * Wipes the line so that a log line can be printed on a clean one; the next redraw (within a
     * second) brings it back below.
     */
    public synchronized void clear() {
        wipe();
    }

    private void wipe() {
        if (shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }
}
