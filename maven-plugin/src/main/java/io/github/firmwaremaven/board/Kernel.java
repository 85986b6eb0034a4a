package io.github.firmwaremaven.board;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The {@code <kernel>} of the plugin configuration. */
public class Kernel {
    /** In {@code <kernels>}: its role, e.g. guest (names its work area, steps and classifier kernel-guest). */
    String name;
    /**
     * A kernel image another board published, {@code groupId:artifactId:version[:classifier]} (type
     * bin; classifier kernel when it was not that board's main artifact), used instead of building one.
     */
    String artifact;
    /** The source (from {@code <sources>}) holding the Linux tree. */
    String source = "linux";
    /** The toolchain (from {@code <toolchains>}) that builds it. */
    String toolchain = "target";
    /** A config target for the base: tinyconfig, defconfig, allnoconfig... */
    String defconfig = "defconfig";
    /** A full base config file instead of {@code defconfig}. */
    File configFile;
    /** Fragments merged over the base in order; every symbol they set is checked after olddefconfig. */
    List<File> fragments = new ArrayList<>();
    /** The make target of the image; by default bzImage on x86, Image on arm64. */
    String imageTarget;
    /** Extra make variables, e.g. {@code LOCALVERSION=-board}. */
    List<String> makeVariables = new ArrayList<>();

    /** The published kernel's coordinates, or null when the board builds its own. */
    public String artifact() {
        return artifact;
    }
}
