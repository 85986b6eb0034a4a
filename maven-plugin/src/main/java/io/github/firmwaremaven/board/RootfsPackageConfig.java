package io.github.firmwaremaven.board;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** One {@code <package>} of {@code <rootfs>}. */
public class RootfsPackageConfig {
    /** The package's name (busybox, kexec-tools): names its build and, by default, its source. */
    String name;
    /** kconfig (busybox), autotools (kexec-tools) or make (a plain Makefile: kvmtool). */
    String kind = "kconfig";
    /** The source (from {@code <sources>}); defaults to the package name. */
    String source;
    /** For kconfig packages: fragments merged over defconfig. */
    List<File> fragments = new ArrayList<>();
    /** For autotools packages: extra configure arguments. */
    List<String> configureArgs = new ArrayList<>();
    /** Extra make variables; for make packages also the targets (lkvm-static). */
    List<String> makeArgs = new ArrayList<>();
    /**
     * For make packages: what to install, {@code built=/installed} (lkvm-static=/bin/lkvm), a file of
     * the build tree and its place in the image; its mode is kept.
     */
    List<String> installFiles = new ArrayList<>();
}
