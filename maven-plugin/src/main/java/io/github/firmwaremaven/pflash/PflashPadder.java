package io.github.firmwaremaven.pflash;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pads firmware images to a flash bank's size: the image at offset 0, the rest filled with 0x00
 * (what {@code dd conv=notrunc} over a zeroed file gives) or 0xFF (erased NOR flash).
 */
public final class PflashPadder {
    private final long size;
    private final byte fill;

    public PflashPadder(long size, byte fill) {
        if (size <= 0) {
            throw new IllegalArgumentException("flash size must be positive: " + size);
        }
        this.size = size;
        this.fill = fill;
    }

    /** Pads each input to its output (e.g. CODE and VARS in one call); checks all sizes first. */
    public void pad(Map<Path, Path> inputToOutput) throws IOException, FirmwareException {
        for (Path in : inputToOutput.keySet()) {
            if (!Files.isRegularFile(in)) {
                throw new FirmwareException("pflash input " + in + " does not exist");
            }
            long len = Files.size(in);
            if (len > size) {
                throw new FirmwareException("pflash input " + in + " is " + len + " bytes, larger than the flash size of "
                        + size + " bytes (" + (size >> 20) + " MiB); choose a larger flash size or a smaller image");
            }
        }
        for (Map.Entry<Path, Path> e : new LinkedHashMap<>(inputToOutput).entrySet()) {
            padOne(e.getKey(), e.getValue());
        }
    }

    public void pad(Path in, Path out) throws IOException, FirmwareException {
        pad(Map.of(in, out));
    }

    private void padOne(Path in, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling("." + out.getFileName() + ".part");
        boolean ok = false;
        try {
            byte[] buf = new byte[1 << 20];
            long written = 0;
            try (InputStream is = Files.newInputStream(in); OutputStream os = Files.newOutputStream(tmp)) {
                int n;
                while ((n = is.read(buf)) > 0 && written < size) {
                    int w = (int) Math.min(n, size - written);
                    os.write(buf, 0, w);
                    written += w;
                }
            }
            if (fill == 0) {
                // Extending a file reads back as zeros: the same bytes as dd's, without writing them.
                try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
                    raf.setLength(size);
                }
                written = size;
            }
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.APPEND)) {
                Arrays.fill(buf, fill);
                while (written < size) {
                    int w = (int) Math.min(buf.length, size - written);
                    os.write(buf, 0, w);
                    written += w;
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
