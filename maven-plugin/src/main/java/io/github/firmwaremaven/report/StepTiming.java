package io.github.firmwaremaven.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code target/firmware/steps.json} (written by StepReport).
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

    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");

    /** Steps in the file's order; the file is ours, so a flat field scan per object is enough. */
    public static List<StepTiming> parse(String json) {
        List<StepTiming> steps = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            String o = m.group();
            String id = string(o, "id");
            if (id != null) {
                steps.add(new StepTiming(id, string(o, "outcome"), number(o, "durationMillis"),
                        number(o, "lastRunMillis")));
            }
        }
        return steps;
    }

    public static List<StepTiming> read(Path stepsJson) throws IOException {
        return parse(Files.readString(stepsJson, StandardCharsets.UTF_8));
    }

    /** Most expensive first; ties keep the build's order. */
    public static List<StepTiming> byCost(List<StepTiming> steps) {
        List<StepTiming> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(StepTiming::costMillis).reversed());
        return sorted;
    }

    private static String string(String object, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(object);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    private static long number(String object, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(object);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
