package io.github.firmwaremaven.report;

import io.github.firmwaremaven.steps.StepReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One step of {@code target/firmware/steps.json} as the report draws it.
 *
 * @param durationMillis how long the step took in the latest build (0 when up to date)
 * @param lastRunMillis  how long its action took when it last ran for this fingerprint; 0 if unknown
 */
public record StepTiming(String id, String outcome, long durationMillis, long lastRunMillis) {
    public boolean upToDate() {
        return "UP_TO_DATE".equals(outcome);
    }

    public boolean failed() {
        return "FAILED".equals(outcome);
    }

    /** What the step costs: this build's time if it ran, else its last run's. */
    public long costMillis() {
        return upToDate() ? lastRunMillis : durationMillis;
    }

    /** Steps in the file's order, as {@link StepReport} wrote them. */
    public static List<StepTiming> parse(String json) throws IOException {
        List<StepTiming> steps = new ArrayList<>();
        for (StepReport.Entry e : StepReport.parse(json)) {
            if (e.id() != null) {
                steps.add(new StepTiming(e.id(), e.outcome(), e.durationMillis(), e.lastRunMillis()));
            }
        }
        return steps;
    }

    public static List<StepTiming> read(Path firmwareDir) throws IOException {
        return parse(Files.readString(firmwareDir.resolve("steps.json"), StandardCharsets.UTF_8));
    }

    /** Most expensive first; ties keep the build's order. */
    public static List<StepTiming> byCost(List<StepTiming> steps) {
        List<StepTiming> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(StepTiming::costMillis).reversed());
        return sorted;
    }
}
