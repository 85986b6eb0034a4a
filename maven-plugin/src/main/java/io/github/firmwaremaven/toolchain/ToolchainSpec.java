package io.github.firmwaremaven.toolchain;

import java.nio.file.Path;

/**
 * One toolchain as the board declares it, in one of four modes: external (a prefix on PATH, a
 * directory, or neither for the host gcc), source (built by {@link SourceToolchainBuild}), artifact
 * (a published archive, already resolved to a file by the caller), crossgcc (coreboot's own, built
 * by {@link CrossgccBuild}).
 *
 * @param target the declared architecture or triple; null accepts what the compiler targets
 * @param artifact the Maven coordinates, for messages; {@code artifactFile} is what is used
 * @param publish for an external toolchain: also pack a relocatable copy for deploy
 */
public record ToolchainSpec(String name, String target, String prefix, Path directory,
        SourceToolchainBuild.Request source, String artifact, Path artifactFile, CrossgccBuild.Request crossgcc,
        boolean publish) {
    public enum Mode {
        EXTERNAL,
        SOURCE,
        ARTIFACT,
        CROSSGCC
    }

    public ToolchainSpec(String name, String target, String prefix, Path directory,
            SourceToolchainBuild.Request source, String artifact, Path artifactFile) {
        this(name, target, prefix, directory, source, artifact, artifactFile, null, false);
    }

    public static ToolchainSpec crossgcc(String name, String target, CrossgccBuild.Request request) {
        return new ToolchainSpec(name, target, null, null, null, null, null, request, false);
    }

    public Mode mode() {
        if (source != null) {
            return Mode.SOURCE;
        }
        if (crossgcc != null) {
            return Mode.CROSSGCC;
        }
        if (artifact != null) {
            return Mode.ARTIFACT;
        }
        return Mode.EXTERNAL;
    }

    public static ToolchainSpec external(String name, String target, String prefix, Path directory) {
        return new ToolchainSpec(name, target, prefix, directory, null, null, null);
    }

    /** An external toolchain whose relocatable copy the board publishes. */
    public static ToolchainSpec externalPublished(String name, String target, String prefix, Path directory) {
        return new ToolchainSpec(name, target, prefix, directory, null, null, null, null, true);
    }
}
