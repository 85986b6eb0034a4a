package io.github.firmwaremaven.compression;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The LZ4 "legacy" format, the only LZ4 container the kernel's initramfs unpacker reads (it is what
 * {@code lz4 -l} writes): the magic 0x184C2102, then chunks of at most 8 MiB of input, each as a
 * 4-byte little-endian compressed size followed by one raw LZ4 block. Chunks are independent.
 */
public final class Lz4LegacyOutputStream extends BlockOutputStream {
    static final int MAGIC = 0x184C2102;
    static final int CHUNK = 8 << 20;

    private final OutputStream out;
    private final byte[] compressed = new byte[Lz4Block.maxCompressedLength(CHUNK)];
    private final Lz4Block lz4 = new Lz4Block();

    public Lz4LegacyOutputStream(OutputStream out) throws IOException {
        super(CHUNK);
        this.out = out;
        writeLe(MAGIC);
    }

    @Override
    void blockFull() throws IOException {
        flushChunk();
    }

    private void flushChunk() throws IOException {
        if (buffered() == 0) {
            return;
        }
        byte[] chunk = take();
        int n = lz4.compress(chunk, chunk.length, compressed);
        writeLe(n);
        out.write(compressed, 0, n);
    }

    private void writeLe(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    @Override
    void finish() throws IOException {
        flushChunk();
        out.close();
    }
}
