package io.github.firmwaremaven.kernel;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel image another build published (resolved from a Maven repository), used in place of
 * building one: checked to be a Linux image, named the way its architecture names it, and copied
 * into the build area so {@code target/} holds everything the board booted.
 */
public final class PrebuiltKernel {
    /** What the image's header says it is: the name its architecture gives it, and that architecture. */
    public record Format(String fileName, String linuxArch) {
        /** x86 boot protocol: "HdrS" at 0x202. */
        public static final Format BZIMAGE = new Format("bzImage", "x86");
        /** arm64 Image header: "ARM\x64" at 0x38. */
        public static final Format ARM64_IMAGE = new Format("Image", "arm64");
    }

    private PrebuiltKernel() {}

    /** Reads the header; the message names the file and what a kernel image looks like. */
    public static Format formatOf(Path image, String origin) throws IOException, FirmwareException {
        byte[] head = new byte[0x210];
        int n;
        try (InputStream in = Files.newInputStream(image)) {
            n = in.readNBytes(head, 0, head.length);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (n >= 0x206 && b.getInt(0x202) == 0x53726448) {
            return Format.BZIMAGE;
        }
        if (n >= 0x40 && b.getInt(0x38) == 0x644d5241) {
            return Format.ARM64_IMAGE;
        }
        throw new FirmwareException(origin + " (" + image + ") is not a Linux kernel image: it has neither the x86 "
                + "boot header (HdrS at 0x202, a bzImage) nor the arm64 Image header (ARM\\x64 at 0x38). Point it at "
                + "the kernel a board published (classifier kernel, type bin).");
    }

    /**
     * Copies {@code resolved} to {@code imageDir/<bzImage|Image>} unless an identical copy is there.
     *
     * @param expectedArch Linux ARCH of the board's target toolchain, or null not to check
     */
    public static Path install(Path resolved, Path imageDir, String origin, String expectedArch)
            throws IOException, FirmwareException {
        Format format = formatOf(resolved, origin);
        if (expectedArch != null && !expectedArch.equals(format.linuxArch())) {
            throw new FirmwareException(origin + " is a " + format.linuxArch() + " kernel (" + format.fileName()
                    + "), but the board's toolchain targets " + expectedArch + ". Use the kernel published for this "
                    + "architecture.");
        }
        Path image = imageDir.resolve(format.fileName());
        if (Files.isRegularFile(image) && Digests.sha256(image).equals(Digests.sha256(resolved))) {
            return image;
        }
        AtomicFiles.copy(resolved, image);
        return image;
    }
}
