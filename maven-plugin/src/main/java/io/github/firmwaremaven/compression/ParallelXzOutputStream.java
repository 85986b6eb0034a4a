package io.github.firmwaremaven.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * One .xz stream (CRC32 check) whose blocks are compressed on several threads, like {@code xz -T}:
 * each block of input is encoded alone, its block is cut out of a one-block stream, and this class
 * writes the shared stream header, the blocks in order, and an index listing them all. The bytes
 * depend on the block size, never on the number of threads. The kernel's XZ decoder reads
 * multi-block streams.
 */
public final class ParallelXzOutputStream extends BlockOutputStream {
    private static final int BLOCK = 4 << 20;
    private static final byte[] FLAGS = {0, XZ.CHECK_CRC32};

    private record Encoded(byte[] block, long unpadded, long uncompressed) {}

    private final OutputStream out;
    private final LZMA2Options options;
    private final OrderedEncoder<Encoded> blocks;
    private final List<long[]> records = new ArrayList<>();

    public ParallelXzOutputStream(OutputStream out, LZMA2Options options, int threads) throws IOException {
        super(BLOCK);
        this.out = out;
        this.options = options;
        this.blocks = new OrderedEncoder<>("xz", threads, threads + 1, e -> {
            out.write(e.block());
            records.add(new long[] {e.unpadded(), e.uncompressed()});
        });
        out.write(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0});
        out.write(FLAGS);
        writeCrc(out, FLAGS, 0, FLAGS.length);
    }

    @Override
    void blockFull() throws IOException {
        submit();
    }

    private void submit() throws IOException {
        byte[] data = take();
        blocks.submit(() -> encode(data));
    }

    private Encoded encode(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 1024);
        try (XZOutputStream xz = new XZOutputStream(bytes, options, XZ.CHECK_CRC32)) {
            xz.write(data);
        }
        byte[] s = bytes.toByteArray();
        // Footer: CRC32(4) backward size(4) flags(2) "YZ"; the index is (backward size + 1) * 4 bytes.
        long backward = le32(s, s.length - 8);
        int indexStart = (int) (s.length - 12 - (backward + 1) * 4);
        int[] p = {indexStart + 1};
        long count = varint(s, p);
        if (s[indexStart] != 0 || count != 1) {
            throw new IOException("unexpected xz index from the block encoder");
        }
        long unpadded = varint(s, p);
        long uncompressed = varint(s, p);
        return new Encoded(Arrays.copyOfRange(s, 12, indexStart), unpadded, uncompressed);
    }

    @Override
    void finish() throws IOException {
        try {
            if (buffered() > 0) {
                submit();
            }
            blocks.finish();
            ByteArrayOutputStream index = new ByteArrayOutputStream();
            index.write(0);
            putVarint(index, records.size());
            for (long[] r : records) {
                putVarint(index, r[0]);
                putVarint(index, r[1]);
            }
            while (index.size() % 4 != 0) {
                index.write(0);
            }
            byte[] idx = index.toByteArray();
            out.write(idx);
            writeCrc(out, idx, 0, idx.length);
            long backward = (idx.length + 4) / 4 - 1;
            byte[] tail = {(byte) backward, (byte) (backward >> 8), (byte) (backward >> 16), (byte) (backward >> 24),
                FLAGS[0], FLAGS[1]};
            writeCrc(out, tail, 0, tail.length);
            out.write(tail);
            out.write(new byte[] {'Y', 'Z'});
            out.close();
        } finally {
            blocks.close();
        }
    }

    private static void writeCrc(OutputStream out, byte[] b, int off, int len) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        long c = crc.getValue();
        out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    private static long varint(byte[] b, int[] p) {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = b[p[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    private static void putVarint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
