package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.logging.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts Maven's log to the core's. */
final class MavenBuildLog implements BuildLog {
    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
