package io.github.firmwaremaven.initramfs;

import java.util.Locale;

/** How the cpio archive is compressed; every form here is one the kernel's initramfs unpacker reads. */
public enum Compression {
    NONE("cpio"),
    GZIP("cpio.gz"),
    XZ("cpio.xz"),
    ZSTD("cpio.zst"),
    LZ4("cpio.lz4");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    /** The file extension, also the Maven type the archive is attached under. */
    public String extension() {
        return extension;
    }

    /** Accepts the names users write in a pom: none, gzip/gz, xz, zstd/zst, lz4. */
    public static Compression parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "none":
            case "":
                return NONE;
            case "gzip":
            case "gz":
                return GZIP;
            case "xz":
                return XZ;
            case "zstd":
            case "zst":
                return ZSTD;
            case "lz4":
                return LZ4;
            default:
                throw new IllegalArgumentException("unknown compression '" + name
                        + "'; use one of none, gzip, xz, zstd, lz4");
        }
    }
}
