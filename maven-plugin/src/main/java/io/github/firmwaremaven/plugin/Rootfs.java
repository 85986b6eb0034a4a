package io.github.firmwaremaven.plugin;

import java.util.ArrayList;
import java.util.List;

/** The {@code <rootfs>} of the plugin configuration: userland packages built into the staging tree. */
public class Rootfs {
    /** The toolchain (from {@code <toolchains>}) that builds the packages, statically. */
    String toolchain = "target";
    List<RootfsPackageConfig> packages = new ArrayList<>();
}
