package io.github.firmwaremaven.board;

import java.io.File;

/**
 * One {@code <toolchain>} of the plugin configuration, as Maven injects it. Exactly one of the modes:
 * {@code <prefix>}/{@code <directory>} (or neither: the host gcc), {@code <source>}, {@code <artifact>},
 * {@code <crossgcc>}.
 */
public class ToolchainConfig {
    /** How goals refer to it: host, target, aarch64, i686... */
    String name;
    /** The architecture (aarch64, x86_64, i686) or triple the compiler must target; checked with -dumpmachine. */
    String target;
    /** A tool prefix on PATH, e.g. aarch64-linux-gnu-; empty or absent for the host gcc. */
    String prefix;
    /** A toolchain's top directory (holding bin/&lt;prefix&gt;gcc) instead of PATH. */
    File directory;
    /** Build it from the board's sources. */
    ToolchainSource source;
    /**
     * For a prefix or directory toolchain: also pack a relocatable copy of it and attach it for deploy
     * (classifier toolchain-&lt;host&gt;-&lt;triple&gt;), so other projects can use the same compiler
     * in artifact mode.
     */
    boolean publish;
    /** coreboot's own cross compiler (make crossgcc-&lt;arch&gt;), from tarballs fetch-sources downloaded. */
    ToolchainCrossgcc crossgcc;
    /** A published toolchain archive: groupId:artifactId:version[:classifier] (type tar.xz). */
    String artifact;
}
