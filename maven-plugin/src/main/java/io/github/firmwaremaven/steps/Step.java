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
    private final String sharedName;
    private final boolean restoreShared;
    private final boolean inPlace;
    private final boolean timeless;
    private final List<Path> reads;
    private final Path stateDir;

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
        this.sharedName = b.sharedName != null ? b.sharedName : b.id;
        this.restoreShared = b.restoreShared;
        this.inPlace = b.inPlace;
        this.timeless = b.timeless;
        this.reads = List.copyOf(b.reads);
        this.stateDir = b.stateDir;
        if (sharedKind != null && !sharedKind.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("step " + id + ": a shared kind is [a-z0-9-]: " + sharedKind);
        }
        if (sharedKind != null && inPlace != outputs.isEmpty()) {
            throw new IllegalArgumentException("step " + id + (inPlace ? ": a step shared in place has no outputs "
                    + "of its own" : ": a shared step needs outputs"));
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

    /**
     * The name its outputs are shared under: the id, unless two roles of one board run the same work
     * under different ids (a guest kernel configured as the host's), which must then find each other.
     */
    public String sharedName() {
        return sharedName;
    }

    /** Whether a shared copy may replace running the step (else it only publishes its outputs). */
    public boolean restoreShared() {
        return restoreShared;
    }

    /** Whether the step's result is a directory in the build cache, used where it is (see {@link Builder#sharedInPlace}). */
    public boolean inPlace() {
        return inPlace;
    }

    /** Whether the result does not depend on the build time stamp (an extracted archive). */
    public boolean timeless() {
        return timeless;
    }

    /** Directories shared in place that the step's action reads; checked against their manifests before it runs. */
    public List<Path> reads() {
        return reads;
    }

    /** Where the step's state lives when not in the board's build area (null: there), e.g. beside a shared work area. */
    public Path stateDir() {
        return stateDir;
    }

    public static final class Builder {
        private final String id;
        private Inputs inputs = fp -> {};
        private final List<Path> outputs = new ArrayList<>();
        private final List<Path> workAreas = new ArrayList<>();
        private Action action;
        private String sharedKind;
        private String sharedName;
        private boolean restoreShared;
        private boolean inPlace;
        private boolean timeless;
        private final List<Path> reads = new ArrayList<>();
        private Path stateDir;

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

        /** As {@link #shared(String, boolean)}, keyed by {@code name} instead of the step's id. */
        public Builder shared(String kind, String name, boolean restore) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("a shared name must be a simple name: " + name);
            }
            this.sharedName = name;
            return shared(kind, restore);
        }

        /**
         * The result is one directory in the build cache under {@code kind}, keyed by the fingerprint
         * (which must then name no path of this checkout), and used where it is: too large to copy
         * into every board (an extracted Linux tree, a toolchain). The action fills
         * {@link StepContext#sharedDirectory()}; {@link StepResult#directory()} is where it ended up.
         */
        public Builder sharedInPlace(String kind) {
            this.sharedKind = kind;
            this.restoreShared = true;
            this.inPlace = true;
            return this;
        }

        /** The result does not depend on the build time stamp, so it is not part of the fingerprint. */
        public Builder timeless() {
            this.timeless = true;
            return this;
        }

        /** The action reads this directory, the result of a step shared in place. */
        public Builder reads(Path sharedDirectory) {
            reads.add(sharedDirectory);
            return this;
        }

        /** Keeps the step's state in {@code dir} (beside a work area that several boards share). */
        public Builder stateIn(Path dir) {
            this.stateDir = dir;
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
