package io.github.firmwaremaven.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member compressed on several threads the way pigz does it: the input is cut into blocks,
 * each block is deflated with the previous block's last 32 KiB as preset dictionary and ends with a
 * sync flush, so the pieces concatenate into a single deflate stream any gunzip (and the kernel)
 * reads. The output depends only on the block size, never on the number of threads.
 */
public final class ParallelGzipOutputStream extends BlockOutputStream {
    private static final int BLOCK = 256 * 1024;
    private static final int DICT = 32 * 1024;

    private final OutputStream out;
    private final int level;
    private final OrderedEncoder<byte[]> blocks;
    private final CRC32 crc = new CRC32();
    private byte[] previous;
    private long total;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        super(BLOCK);
        this.out = out;
        this.level = level;
        this.blocks = new OrderedEncoder<>("gzip", threads, threads * 2, out::write);
        // gzip -n style header: no name, no time, so the bytes do not depend on when we ran.
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        total += len;
        super.write(b, off, len);
    }

    @Override
    void blockFull() throws IOException {
        submit(false);
    }

    private void submit(boolean last) throws IOException {
        byte[] data = take();
        byte[] dict = previous == null ? null
                : Arrays.copyOfRange(previous, Math.max(0, previous.length - DICT), previous.length);
        blocks.submit(() -> deflate(data, dict, last));
        previous = data;
    }

    private byte[] deflate(byte[] data, byte[] dict, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dict != null) {
                d.setDictionary(dict);
            }
            d.setInput(data);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            if (last) {
                d.finish();
                while (!d.finished()) {
                    bytes.write(buf, 0, d.deflate(buf));
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    bytes.write(buf, 0, n);
                } while (n == buf.length);
            }
            return bytes.toByteArray();
        } finally {
            d.end();
        }
    }

    @Override
    void finish() throws IOException {
        try {
            submit(true);
            blocks.finish();
            long c = crc.getValue();
            out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
            out.close();
        } finally {
            blocks.close();
        }
    }
}
