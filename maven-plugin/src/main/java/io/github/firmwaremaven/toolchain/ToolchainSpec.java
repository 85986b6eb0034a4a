package io.github.firmwaremaven.toolchain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One toolchain as the board declares it, in one of four modes, each made by its own factory:
 * {@link #external} (a prefix on PATH, a directory, or neither for the host gcc), {@link #fromSource}
 * (built by {@link SourceToolchainBuild}), {@link #fromArtifact} (a published archive, already
 * resolved to a file by the caller), {@link #crossgcc} (coreboot's own, built by {@link CrossgccBuild}).
 * Every mode takes the board's name for the toolchain and the declared target, an architecture or a
 * triple; a null target accepts what the compiler targets.
 */
public final class ToolchainSpec {
    public enum Mode {
        EXTERNAL,
        SOURCE,
        ARTIFACT,
        CROSSGCC
    }

    private final Mode mode;
    private final String name;
    private final String target;
    private String prefix;
    private Path directory;
    private boolean publish;
    private SourceToolchainBuild.Request source;
    private String artifact;
    private Path artifactFile;
    private CrossgccBuild.Request crossgcc;

    private ToolchainSpec(Mode mode, String name, String target) {
        this.mode = mode;
        this.name = name;
        this.target = target;
    }

    /**
     * An installed compiler.
     *
     * @param prefix the tool prefix ({@code aarch64-linux-gnu-}); null or empty for the host gcc, or to
     *     detect it in {@code directory}
     * @param directory the toolchain's top directory, or null to look on the host path
     */
    public static ToolchainSpec external(String name, String target, String prefix, Path directory) {
        ToolchainSpec s = new ToolchainSpec(Mode.EXTERNAL, name, target);
        s.prefix = prefix;
        s.directory = directory;
        return s;
    }

    /** An external toolchain whose relocatable copy the board publishes for deploy. */
    public static ToolchainSpec externalPublished(String name, String target, String prefix, Path directory) {
        ToolchainSpec s = external(name, target, prefix, directory);
        s.publish = true;
        return s;
    }

    /** A musl toolchain built from the board's binutils, gcc, musl and linux sources. */
    public static ToolchainSpec fromSource(String name, String target, SourceToolchainBuild.Request request) {
        ToolchainSpec s = new ToolchainSpec(Mode.SOURCE, name, target);
        s.source = Objects.requireNonNull(request, "request");
        return s;
    }

    /**
     * A toolchain another board published.
     *
     * @param coordinates its Maven coordinates, for messages
     * @param file the resolved archive, which is what is used
     */
    public static ToolchainSpec fromArtifact(String name, String target, String coordinates, Path file) {
        ToolchainSpec s = new ToolchainSpec(Mode.ARTIFACT, name, target);
        s.artifact = Objects.requireNonNull(coordinates, "coordinates");
        s.artifactFile = file;
        return s;
    }

    /** coreboot's crossgcc for one architecture. */
    public static ToolchainSpec crossgcc(String name, String target, CrossgccBuild.Request request) {
        ToolchainSpec s = new ToolchainSpec(Mode.CROSSGCC, name, target);
        s.crossgcc = Objects.requireNonNull(request, "request");
        return s;
    }

    public Mode mode() {
        return mode;
    }

    public String name() {
        return name;
    }

    /** The declared architecture or triple; null accepts what the compiler targets. */
    public String target() {
        return target;
    }

    public String prefix() {
        return prefix;
    }

    public Path directory() {
        return directory;
    }

    /** For an external toolchain: also pack a relocatable copy for deploy. */
    public boolean publish() {
        return publish;
    }

    public SourceToolchainBuild.Request source() {
        return source;
    }

    public String artifact() {
        return artifact;
    }

    public Path artifactFile() {
        return artifactFile;
    }

    public CrossgccBuild.Request crossgcc() {
        return crossgcc;
    }
}
