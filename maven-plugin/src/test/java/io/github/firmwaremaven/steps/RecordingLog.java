package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.logging.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** Collects log lines for assertions. */
public final class RecordingLog implements BuildLog {
    public final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public synchronized void debug(String message) {}

    public synchronized String text() {
        return String.join("\n", lines);
    }

    public synchronized boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }
}
