package io.github.firmwaremaven.compression;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts what is written into blocks of one size, the unit every stream here compresses or queues:
 * {@link #blockFull} is called each time a block fills, and the subclass takes it (and, in
 * {@link #finish}, the tail) with {@link #take}. Closing finishes the stream once; a second close
 * does nothing.
 */
abstract class BlockOutputStream extends OutputStream {
    private final int size;
    private byte[] block;
    private int fill;
    private boolean closed;

    BlockOutputStream(int size) {
        this.size = size;
        this.block = new byte[size];
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, size - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == size) {
                blockFull();
            }
        }
    }

    /** A block is full: take it with {@link #take} and hand it on. */
    abstract void blockFull() throws IOException;

    /** Hands on the last block and ends the stream (and what it writes to); called once, by close. */
    abstract void finish() throws IOException;

    @Override
    public final void close() throws IOException {
        if (!closed) {
            closed = true;
            finish();
        }
    }

    /** How many bytes wait in the current block. */
    final int buffered() {
        return fill;
    }

    /** The bytes buffered so far, exactly as many as were written; the next block starts empty. */
    final byte[] take() {
        byte[] data = fill == block.length ? block : Arrays.copyOf(block, fill);
        block = new byte[size];
        fill = 0;
        return data;
    }
}
