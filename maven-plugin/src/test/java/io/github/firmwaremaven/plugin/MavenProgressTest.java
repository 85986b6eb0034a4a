package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.logging.Heartbeat;
import io.github.firmwaremaven.logging.Progress;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class MavenProgressTest {
    @Test
    void quietLogMeansNothingWhateverElse() {
        assertEquals(MavenProgress.Mode.NONE, MavenProgress.mode(false, true, true));
        assertEquals(MavenProgress.Mode.NONE, MavenProgress.mode(false, false, false));
    }

    @Test
    void aTerminalOnlyWhenInteractiveAndOnATerminal() {
        assertEquals(MavenProgress.Mode.TERMINAL, MavenProgress.mode(true, true, true));
        assertEquals(MavenProgress.Mode.BATCH, MavenProgress.mode(true, false, true), "-B in a terminal");
        assertEquals(MavenProgress.Mode.BATCH, MavenProgress.mode(true, true, false), "output to a file or pipe");
    }

    @Test
    void noConsoleIsNoTerminal() {
        assertFalse(MavenProgress.onTerminal(null));
    }

    @Test
    void fromMavensRequestAndLog() {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setInteractiveMode(false);
        assertInstanceOf(Heartbeat.class, MavenProgress.of(request, new SystemStreamLog(), BuildLog.SILENT));
        SystemStreamLog quiet = new SystemStreamLog() {
            @Override
            public boolean isInfoEnabled() {
                return false;
            }
        };
        assertSame(Progress.NONE, MavenProgress.of(request, quiet, BuildLog.SILENT));
    }
}
