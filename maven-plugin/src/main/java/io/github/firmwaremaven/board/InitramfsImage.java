package io.github.firmwaremaven.board;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <initramfs>} of {@code <initramfsImages>}: an image packed before the board's own, such as
 * a guest's, which the board's list can then take in as a file ({@code ${FIRMWARE_INITRAMFS_<NAME>}}).
 */
public class InitramfsImage {
    /** Its role, e.g. guest: names its directory, its step (pack-initramfs-guest) and its classifier. */
    String name;
    /** The rootfs packages whose installed files it holds (their install trees, not the whole staging). */
    List<String> packages = new ArrayList<>();
    /** Overlay trees after the packages, in order. */
    List<File> overlays = new ArrayList<>();
    /** A gen_init_cpio list: device nodes, owners, its own /init. */
    File listFile;
    /** none, gzip, xz, zstd or lz4. */
    String compression = "gzip";
}
