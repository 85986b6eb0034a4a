package io.github.firmwaremaven.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flash map coreboot puts into its ROM (flashrom's FMAP, version 1): a header
 * {@code "__FMAP__", major, minor, base (u64), size (u32), name[32], nareas (u16)} followed by
 * areas {@code offset (u32), size (u32), name[32], flags (u16)}, all little-endian and packed.
 */
public record Fmap(String name, long base, long size, List<Area> areas) {
    public record Area(String name, long offset, long size, int flags) {
        boolean contains(Area other) {
            return offset <= other.offset && other.offset + other.size <= offset + size;
        }
    }

    static final byte[] SIGNATURE = "__FMAP__".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 8 + 1 + 1 + 8 + 4 + 32 + 2;
    private static final int AREA = 4 + 4 + 32 + 2;

    /** The first valid FMAP in the image, if any. */
    public static Optional<Fmap> find(byte[] image) {
        for (int i = indexOf(image, 0); i >= 0; i = indexOf(image, i + 1)) {
            Optional<Fmap> f = parseAt(image, i);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    static Optional<Fmap> parseAt(byte[] image, int at) {
        if (at + HEADER > image.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(image, at, image.length - at).order(ByteOrder.LITTLE_ENDIAN);
        b.position(at + 8);
        int major = b.get() & 0xFF;
        b.get(); // minor: every 1.x is readable
        long base = b.getLong();
        long size = Integer.toUnsignedLong(b.getInt());
        String name = cString(b);
        int n = b.getShort() & 0xFFFF;
        // The signature string also occurs in code (e.g. in the FMAP reader itself): check it is a real header.
        if (major != 1 || n == 0 || at + HEADER + (long) n * AREA > image.length) {
            return Optional.empty();
        }
        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long offset = Integer.toUnsignedLong(b.getInt());
            long areaSize = Integer.toUnsignedLong(b.getInt());
            String areaName = cString(b);
            int flags = b.getShort() & 0xFFFF;
            if (offset + areaSize > size) {
                return Optional.empty();
            }
            areas.add(new Area(areaName, offset, areaSize, flags));
        }
        return Optional.of(new Fmap(name, base, size, areas));
    }

    /** How many other areas enclose this one: 0 for the outermost. Equal ranges nest in table order. */
    public int depth(Area a) {
        int depth = 0;
        int index = areas.indexOf(a);
        for (int j = 0; j < areas.size(); j++) {
            Area o = areas.get(j);
            if (j != index && o.contains(a) && (o.size > a.size || j < index)) {
                depth++;
            }
        }
        return depth;
    }

    public Optional<Area> area(String areaName) {
        return areas.stream().filter(a -> a.name.equals(areaName)).findFirst();
    }

    private static String cString(ByteBuffer b) {
        byte[] raw = new byte[32];
        b.get(raw);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        return new String(raw, 0, len, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] image, int from) {
        outer:
        for (int i = from; i <= image.length - SIGNATURE.length; i++) {
            for (int k = 0; k < SIGNATURE.length; k++) {
                if (image[i + k] != SIGNATURE[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
