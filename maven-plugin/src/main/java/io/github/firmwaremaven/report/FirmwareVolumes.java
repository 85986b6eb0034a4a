package io.github.firmwaremaven.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The firmware volumes of a UEFI flash device image (.fd), read from their headers
 * (EFI_FIRMWARE_VOLUME_HEADER: file system GUID at 16, FvLength at 32, "_FVH" at 40, ExtHeaderOffset
 * at 52; the extension header starts with the volume's name GUID). What lies between volumes, and
 * after the last one in a padded pflash image, becomes a region of its own.
 */
public final class FirmwareVolumes {
    /** Volumes start on block boundaries; 4 KiB is the smallest block edk2 platforms use. */
    static final int STEP = 0x1000;
    static final String NV_DATA_FV = "fff12b8d-7696-4c8b-a985-2747075b4f50";
    static final String FFS2 = "8c8ce578-8a3d-4f1c-9935-896185c32dd3";
    static final String FFS3 = "5473c07a-3dcb-4dca-bd6f-1e9689e7349a";
    private static final String NAMES_FILE = "fv-names.properties";

    private FirmwareVolumes() {}

    /**
     * @param names FV name GUID (lower case) to the FDF's volume name, e.g. from {@link #namesFromExtFiles}
     */
    public static List<FlashRegion> scan(Path fd, Map<String, String> names) throws IOException {
        List<FlashRegion> regions = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(fd, StandardOpenOption.READ)) {
            long size = ch.size();
            long gapStart = 0;
            long at = 0;
            ByteBuffer header = ByteBuffer.allocate(0x48).order(ByteOrder.LITTLE_ENDIAN);
            while (at + 0x38 <= size) {
                header.clear();
                ch.read(header, at);
                long length = header.getLong(32);
                boolean fv = header.position() >= 0x38 && header.get(40) == '_' && header.get(41) == 'F'
                        && header.get(42) == 'V' && header.get(43) == 'H' && length >= 0x48 && at + length <= size;
                if (!fv) {
                    at += STEP;
                    continue;
                }
                if (at > gapStart) {
                    regions.add(gap(ch, gapStart, at));
                }
                String fileSystem = guid(header, 16);
                int extOffset = header.getShort(52) & 0xFFFF;
                String nameGuid = null;
                if (extOffset != 0 && extOffset + 16 <= length) {
                    ByteBuffer ext = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                    ch.read(ext, at + extOffset);
                    nameGuid = guid(ext, 0);
                }
                regions.add(new FlashRegion("firmware volumes", volumeName(fileSystem, nameGuid, names),
                        fileSystemName(fileSystem), at, length, length, nameGuid == null ? "" : "FvNameGuid " + nameGuid,
                        false));
                at += length;
                gapStart = at;
            }
            if (size > gapStart) {
                regions.add(gap(ch, gapStart, size));
            }
        }
        return regions;
    }

    static String volumeName(String fileSystem, String nameGuid, Map<String, String> names) {
        if (nameGuid != null && names.containsKey(nameGuid)) {
            return names.get(nameGuid);
        }
        if (fileSystem.equals(NV_DATA_FV)) {
            return "NV variable store";
        }
        return nameGuid != null ? "FV " + nameGuid.substring(0, 8) : "firmware volume";
    }

    static String fileSystemName(String guid) {
        switch (guid) {
            case NV_DATA_FV: return "NV data";
            case FFS2: return "FFS2";
            case FFS3: return "FFS3";
            default: return guid;
        }
    }

    /** A stretch outside any volume: padding when every byte is one value, else raw data (e.g. a reset vector stub). */
    private static FlashRegion gap(FileChannel ch, long from, long to) throws IOException {
        int fill = uniformByte(ch, from, to);
        if (fill >= 0) {
            return new FlashRegion("firmware volumes", String.format(Locale.ROOT, "padding 0x%02X", fill), "padding",
                    from, to - from, to - from, "", true);
        }
        return new FlashRegion("firmware volumes", "data", "raw", from, to - from, to - from,
                "not a firmware volume", false);
    }

    private static int uniformByte(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        int first = -1;
        for (long at = from; at < to; ) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), to - at));
            int n = ch.read(buf, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                int b = buf.get(i) & 0xFF;
                if (first < 0) {
                    first = b;
                } else if (b != first) {
                    return -1;
                }
            }
            at += n;
        }
        return first;
    }

    static String guid(ByteBuffer b, int at) {
        // EFI_GUID: the first three fields little-endian, the last eight bytes in order.
        long msb = (Integer.toUnsignedLong(b.getInt(at)) << 32) | ((long) (b.getShort(at + 4) & 0xFFFF) << 16)
                | (b.getShort(at + 6) & 0xFFFF);
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (b.get(at + i) & 0xFF);
        }
        return new UUID(msb, lsb).toString();
    }

    /** edk2's GenFds writes NAME.ext, the volume's extension header, beside NAME.Fv: its first 16 bytes are the name GUID. */
    public static Map<String, String> namesFromExtFiles(Path fvDir) throws IOException {
        Map<String, String> names = new TreeMap<>();
        if (!Files.isDirectory(fvDir)) {
            return names;
        }
        try (Stream<Path> s = Files.list(fvDir)) {
            for (Path ext : (Iterable<Path>) s.filter(p -> p.getFileName().toString().endsWith(".ext"))::iterator) {
                byte[] raw = Files.readAllBytes(ext);
                if (raw.length >= 16) {
                    String file = ext.getFileName().toString();
                    names.put(guid(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), 0),
                            file.substring(0, file.length() - 4));
                }
            }
        }
        return names;
    }

    /** Records the names in {@code dir}, beside the build's .fd files: the work area they come from is not an output. */
    public static void writeNamesBeside(Map<String, String> names, Path dir) throws IOException {
        writeNames(names, dir.resolve(NAMES_FILE));
    }

    /** The names recorded beside {@code image}; empty when none were. */
    public static Map<String, String> namesBeside(Path image) throws IOException {
        return readNames(image.resolveSibling(NAMES_FILE));
    }

    /** Gives {@code copy} (a padded image, say) the names recorded beside {@code image}, if any. */
    public static void copyNamesBeside(Path image, Path copy) throws IOException {
        Path names = image.resolveSibling(NAMES_FILE);
        if (Files.isRegularFile(names)) {
            Files.copy(names, copy.resolveSibling(NAMES_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeNames(Map<String, String> names, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# FvNameGuid=volume name, from edk2's FV/*.ext, for the firmware report\n");
        names.forEach((g, n) -> sb.append(g).append('=').append(n).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static Map<String, String> readNames(Path file) throws IOException {
        Map<String, String> names = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> names.put(k, p.getProperty(k)));
        }
        return names;
    }
}
