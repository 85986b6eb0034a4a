package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.logging.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts Maven's log to the core's. */
final class MavenBuildLog implements BuildLog {
    private final Log log;
    /** Run before each line: wipes a terminal's progress line, which the line would otherwise follow. */
    private final Runnable beforeLine;

    MavenBuildLog(Log log) {
        this(log, () -> {});
    }

    MavenBuildLog(Log log, Runnable beforeLine) {
        this.log = log;
        this.beforeLine = beforeLine;
    }

    @Override
    public void info(String message) {
        if (log.isInfoEnabled()) {
            beforeLine.run();
        }
        log.info(message);
    }

    @Override
    public void warn(String message) {
        beforeLine.run();
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
