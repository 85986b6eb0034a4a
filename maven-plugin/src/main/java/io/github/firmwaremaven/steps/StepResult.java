package io.github.firmwaremaven.steps;

/** What happened to a step in this build. */
public record StepResult(String id, Outcome outcome, Fingerprint fingerprint, long durationMillis) {
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
