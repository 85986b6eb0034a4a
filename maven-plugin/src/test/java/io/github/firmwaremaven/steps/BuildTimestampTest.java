package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildTimestampTest {
    @Test
    void sourceDateEpochWinsOverOutputTimestamp() throws Exception {
        assertEquals(1234, BuildTimestamp.resolve("1234", "2026-01-01T00:00:00Z", new RecordingLog()).epochSeconds());
    }

    @Test
    void outputTimestampInIsoOrSeconds() throws Exception {
        assertEquals(1767225600L, BuildTimestamp.resolve(null, "2026-01-01T00:00:00Z", new RecordingLog()).epochSeconds());
        assertEquals(1767225600L, BuildTimestamp.resolve(null, "2026-01-01T01:00:00+01:00", new RecordingLog()).epochSeconds());
        assertEquals(42, BuildTimestamp.resolve("", "42", new RecordingLog()).epochSeconds());
    }

    @Test
    void neitherSetWarnsThatTheBuildIsNotReproducible() throws Exception {
        RecordingLog log = new RecordingLog();
        BuildTimestamp t = BuildTimestamp.resolve(null, "${project.build.outputTimestamp}", log);
        assertFalse(t.reproducible());
        assertTrue(log.contains("NOT reproducible"), log.lines.toString());
    }

    @Test
    void badValuesNameTheSetting() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> BuildTimestamp.resolve(null, "yesterday",
                new RecordingLog()));
        assertTrue(e.getMessage().contains("project.build.outputTimestamp='yesterday'"), e.getMessage());
        e = assertThrows(FirmwareException.class, () -> BuildTimestamp.resolve("soon", null, new RecordingLog()));
        assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH='soon'"), e.getMessage());
    }

    @Test
    void exportsEveryFormTheToolsRead() {
        var env = BuildTimestamp.of(1767225600L).environment();
        assertEquals("1767225600", env.get("SOURCE_DATE_EPOCH"));
        assertEquals("Thu Jan 1 00:00:00 UTC 2026", env.get("KBUILD_BUILD_TIMESTAMP"));
        assertEquals("1", env.get("BUILD_TIMELESS"));
    }
}
