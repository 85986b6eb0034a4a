package io.github.firmwaremaven.steps;

import java.nio.file.Path;

/**
 * What happened to a step in this build.
 *
 * @param directory for a step shared in place, the directory in the build cache that holds its result; else null
 */
public record StepResult(String id, Outcome outcome, Fingerprint fingerprint, long durationMillis, Path directory) {
    public StepResult(String id, Outcome outcome, Fingerprint fingerprint, long durationMillis) {
        this(id, outcome, fingerprint, durationMillis, null);
    }

    StepResult in(Path dir) {
        return new StepResult(id, outcome, fingerprint, durationMillis, dir);
    }

    public enum Outcome {
        /** Same fingerprint and outputs present: nothing ran. */
        UP_TO_DATE,
        /** The action ran and finished. */
        RAN,
        /** The outputs were copied from the build cache, where a build with the same inputs put them. */
        RESTORED,
        /** The action ran and failed. */
        FAILED
    }
}
