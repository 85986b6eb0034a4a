package io.github.firmwaremaven.logging;

/**
 * The core's view of a build log. The Maven adapter forwards to Maven's log; tests collect lines.
 */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A log that drops everything, for callers that have nothing to report to. */
    BuildLog SILENT = new BuildLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
    };
}
