package io.github.firmwaremaven.rootfs;

import java.nio.file.Path;
import java.util.List;

/**
 * One userland package of the initramfs, declared as data (the Buildroot way): the generic steps
 * in {@link RootfsBuild} configure, build and install every kind.
 *
 * @param name package name, also its step ids' prefix
 * @param kind how it builds
 * @param source the prepared source tree (never written to: builds are out of tree)
 * @param sourceFingerprint the tree's fingerprint from fetch-sources
 * @param configFragments for {@link Kind#KCONFIG}: fragments merged over {@code defconfig}
 * @param configureArgs for {@link Kind#AUTOTOOLS}: extra configure arguments
 * @param makeArgs extra make variables for build and install; for {@link Kind#MAKE} also its targets
 * @param installFiles for {@link Kind#MAKE}: {@code built=/installed} pairs, a file of the build tree and
 *     where it goes in the image
 */
public record RootfsPackage(String name, Kind kind, Path source, String sourceFingerprint, List<Path> configFragments,
        List<String> configureArgs, List<String> makeArgs, List<String> installFiles) {
    public RootfsPackage {
        installFiles = installFiles == null ? List.of() : List.copyOf(installFiles);
    }

    public RootfsPackage(String name, Kind kind, Path source, String sourceFingerprint, List<Path> configFragments,
            List<String> configureArgs, List<String> makeArgs) {
        this(name, kind, source, sourceFingerprint, configFragments, configureArgs, makeArgs, List.of());
    }

    public enum Kind {
        /** busybox and other kbuild-style projects: make O=, defconfig + fragments, CONFIG_PREFIX install. */
        KCONFIG,
        /** configure --host=<triple>; make; make DESTDIR= install, built in a separate directory. */
        AUTOTOOLS,
        /**
         * A plain Makefile (kvmtool): make with the board's targets and variables in a private copy,
         * then the files {@code installFiles} names copied into place; no install target is trusted.
         */
        MAKE
    }
}
