package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One unit of work with declared inputs and outputs: fetch a source, configure a kernel, pack an
 * initramfs. Goals declare steps; the {@link StepMachine} decides whether they run.
 */
public final class Step {
    /** How a step computes its inputs; called once per run, before deciding anything. */
    @FunctionalInterface
    public interface Inputs {
        void describe(Fingerprint.Builder fingerprint) throws IOException, FirmwareException;
    }

    /** What the step does when it is not up to date. */
    @FunctionalInterface
    public interface Action {
        void run(StepContext context) throws Exception;
    }

    private final String id;
    private final Inputs inputs;
    private final List<Path> outputs;
    private final List<Path> workAreas;
    private final Action action;
    private final String sharedKind;
    private final boolean restoreShared;

    private Step(Builder b) {
        if (!b.id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("step id must be a simple name: " + b.id);
        }
        this.id = b.id;
        this.inputs = b.inputs;
        this.outputs = List.copyOf(b.outputs);
        this.workAreas = List.copyOf(b.workAreas);
        this.action = Objects.requireNonNull(b.action, "action");
        this.sharedKind = b.sharedKind;
        this.restoreShared = b.restoreShared;
        if (sharedKind != null && (!sharedKind.matches("[a-z0-9-]+") || outputs.isEmpty())) {
            throw new IllegalArgumentException("step " + id + ": a shared step needs outputs and a kind of [a-z0-9-]: "
                    + sharedKind);
        }
    }

    public static Builder named(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    public Inputs inputs() {
        return inputs;
    }

    /** Files or directories that must exist for the step to count as done. */
    public List<Path> outputs() {
        return outputs;
    }

    /**
     * Directories the step writes into. After an unclean stop, files in them newer than the step's
     * start marker are removed before the step runs again, since make would trust them.
     */
    public List<Path> workAreas() {
        return workAreas;
    }

    public Action action() {
        return action;
    }

    /** The build cache kind its outputs are shared under, or null when they are not shared. */
    public String sharedKind() {
        return sharedKind;
    }

    /** Whether a shared copy may replace running the step (else it only publishes its outputs). */
    public boolean restoreShared() {
        return restoreShared;
    }

    public static final class Builder {
        private final String id;
        private Inputs inputs = fp -> {};
        private final List<Path> outputs = new ArrayList<>();
        private final List<Path> workAreas = new ArrayList<>();
        private Action action;
        private String sharedKind;
        private boolean restoreShared;

        private Builder(String id) {
            this.id = id;
        }

        public Builder inputs(Inputs inputs) {
            this.inputs = inputs;
            return this;
        }

        public Builder output(Path output) {
            outputs.add(output);
            return this;
        }

        public Builder workArea(Path dir) {
            workAreas.add(dir);
            return this;
        }

        /**
         * Shares the outputs through the build cache under {@code kind}, keyed by the fingerprint:
         * the fingerprint must then name no path of this checkout. With {@code restore} false the step
         * always runs and still offers its outputs to other builds.
         */
        public Builder shared(String kind, boolean restore) {
            this.sharedKind = kind;
            this.restoreShared = restore;
            return this;
        }

        public Builder action(Action action) {
            this.action = action;
            return this;
        }

        public Step build() {
            return new Step(this);
        }
    }
}
