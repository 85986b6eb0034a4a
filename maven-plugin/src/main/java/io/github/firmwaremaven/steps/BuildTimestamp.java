package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import io.github.firmwaremaven.logging.BuildLog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one time stamp a build writes into everything it makes: {@code SOURCE_DATE_EPOCH} from the
 * environment, else {@code project.build.outputTimestamp}; without either the build is not
 * reproducible and says so.
 */
public final class BuildTimestamp {
    private final long epochSeconds;
    private final boolean reproducible;

    private BuildTimestamp(long epochSeconds, boolean reproducible) {
        this.epochSeconds = epochSeconds;
        this.reproducible = reproducible;
    }

    public static BuildTimestamp of(long epochSeconds) {
        return new BuildTimestamp(epochSeconds, true);
    }

    /**
     * @param sourceDateEpoch the value of the SOURCE_DATE_EPOCH environment variable, or null
     * @param outputTimestamp Maven's project.build.outputTimestamp (ISO-8601 or seconds), or null
     */
    public static BuildTimestamp resolve(String sourceDateEpoch, String outputTimestamp, BuildLog log)
            throws FirmwareException {
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            try {
                return of(Long.parseLong(sourceDateEpoch.trim()));
            } catch (NumberFormatException e) {
                throw new FirmwareException("SOURCE_DATE_EPOCH='" + sourceDateEpoch
                        + "' is not a number of seconds; unset it or set it to e.g. 1763769600");
            }
        }
        // Maven leaves an unset property as the literal expression.
        if (outputTimestamp != null && !outputTimestamp.isBlank() && !outputTimestamp.startsWith("${")) {
            String value = outputTimestamp.trim();
            try {
                return of(parseOutputTimestamp(value));
            } catch (IllegalArgumentException e) {
                throw new FirmwareException("project.build.outputTimestamp='" + value
                        + "' is neither seconds since 1970 nor an ISO-8601 time such as 2026-01-01T00:00:00Z");
            }
        }
        log.warn("Neither SOURCE_DATE_EPOCH nor project.build.outputTimestamp is set: this build is NOT "
                + "reproducible. Set <project.build.outputTimestamp> in the pom.");
        return new BuildTimestamp(Instant.now().getEpochSecond(), false);
    }

    /**
     * project.build.outputTimestamp in seconds since 1970: as maven-archiver reads it, seconds or an
     * ISO-8601 time with an offset.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static long parseOutputTimestamp(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Long.parseLong(v);
        }
        try {
            return OffsetDateTime.parse(v).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' is neither seconds nor an ISO-8601 time", e);
        }
    }

    public long epochSeconds() {
        return epochSeconds;
    }

    public boolean reproducible() {
        return reproducible;
    }

    /** The forms the tools we run read it in (Linux kbuild, coreboot, EDK2, gcc, tar, ...). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(epochSeconds));
        // kbuild prints it verbatim into the version banner and parses it with date -d.
        env.put("KBUILD_BUILD_TIMESTAMP", DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ROOT)
                .format(Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC)));
        env.put("KBUILD_BUILD_USER", "firmware");
        env.put("KBUILD_BUILD_HOST", "firmware-maven-plugin");
        env.put("BUILD_TIMELESS", "1");
        return env;
    }
}
