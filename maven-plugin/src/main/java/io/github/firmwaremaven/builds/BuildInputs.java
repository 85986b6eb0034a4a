package io.github.firmwaremaven.builds;

import io.github.firmwaremaven.fetching.PreparedSource;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every upstream build (Linux, coreboot, edk2) is given: the prepared source tree, the
 * toolchain, its own work directory, the job count and the board's extra make variables. The tree
 * is shared through the build cache and only read; everything the build writes goes below
 * {@code workDir}.
 */
public record BuildInputs(PreparedSource source, Toolchain toolchain, Path workDir, int jobs,
        List<String> makeVariables) {
    public BuildInputs {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(toolchain, "toolchain");
        Objects.requireNonNull(workDir, "workDir");
        makeVariables = makeVariables == null ? List.of() : List.copyOf(makeVariables);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
    }

    /** One job and no extra make variables. */
    public static BuildInputs of(PreparedSource source, Toolchain toolchain, Path workDir) {
        return new BuildInputs(source, toolchain, workDir, 1, List.of());
    }

    /** A directory of the work area. */
    public Path dir(String name) {
        return workDir.resolve(name);
    }

    /** {@code make -C <tree>}, then {@code arguments}, then the board's make variables (which win). */
    public List<String> make(List<String> arguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add("make");
        cmd.add("-C");
        cmd.add(source.tree().toString());
        cmd.addAll(arguments);
        cmd.addAll(makeVariables);
        return cmd;
    }
}
