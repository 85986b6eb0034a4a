package io.github.firmwaremaven.compression;

/**
 * A small greedy LZ4 block compressor (one hash probe per position, like lz4's fast mode).
 * commons-compress' block compressor slows down badly on multi-MiB chunks, and the kernel only needs
 * a valid block: minimum match 4, offsets below 64 KiB, the last 5 bytes literals and no match
 * starting in the last 12 bytes.
 */
final class Lz4Block {
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;
    private static final int MF_LIMIT = 12;
    private static final int HASH_BITS = 16;
    private static final int MAX_OFFSET = 65535;

    private final int[] table = new int[1 << HASH_BITS];

    /** The largest output for {@code n} input bytes. */
    static int maxCompressedLength(int n) {
        return n + n / 255 + 16;
    }

    /** Compresses {@code src[0..len)} into {@code dst}; returns the compressed length. */
    int compress(byte[] src, int len, byte[] dst) {
        java.util.Arrays.fill(table, -1);
        int op = 0;
        int anchor = 0;
        int ip = 0;
        int matchLimit = len - LAST_LITERALS;
        int lastMatchStart = len - MF_LIMIT;
        int misses = 0;
        while (ip < lastMatchStart) {
            int seq = read32(src, ip);
            int h = (seq * -1640531535) >>> (32 - HASH_BITS);
            int ref = table[h];
            table[h] = ip;
            if (ref < 0 || ip - ref > MAX_OFFSET || read32(src, ref) != seq) {
                // Skip faster through data that does not compress, as lz4 does.
                ip += 1 + (misses++ >> 6);
                continue;
            }
            misses = 0;
            int mlen = MIN_MATCH;
            while (ip + mlen < matchLimit && src[ref + mlen] == src[ip + mlen]) {
                mlen++;
            }
            op = sequence(src, anchor, ip - anchor, ip - ref, mlen, dst, op);
            ip += mlen;
            anchor = ip;
        }
        // Last literals, no match part.
        int lit = len - anchor;
        int token = Math.min(lit, 15) << 4;
        dst[op++] = (byte) token;
        op = length(lit, dst, op);
        System.arraycopy(src, anchor, dst, op, lit);
        return op + lit;
    }

    private static int sequence(byte[] src, int litStart, int lit, int offset, int mlen, byte[] dst, int op) {
        int ml = mlen - MIN_MATCH;
        dst[op++] = (byte) ((Math.min(lit, 15) << 4) | Math.min(ml, 15));
        op = length(lit, dst, op);
        System.arraycopy(src, litStart, dst, op, lit);
        op += lit;
        dst[op++] = (byte) offset;
        dst[op++] = (byte) (offset >>> 8);
        return length(ml, dst, op);
    }

    /** The bytes after the token for a length of 15 or more: runs of 255, then the rest. */
    private static int length(int n, byte[] dst, int op) {
        if (n >= 15) {
            int rest = n - 15;
            while (rest >= 255) {
                dst[op++] = (byte) 255;
                rest -= 255;
            }
            dst[op++] = (byte) rest;
        }
        return op;
    }

    private static int read32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
