package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** The {@code <rootfs>} of the plugin configuration: userland packages built into the staging tree. */
public class Rootfs {
    /** The toolchain (from {@code <toolchains>}) that builds the packages, statically. */
    String toolchain = "target";
    /** The packages, built in order: busybox, kexec-tools... */
    List<RootfsPackageConfig> packages = new ArrayList<>();
}
