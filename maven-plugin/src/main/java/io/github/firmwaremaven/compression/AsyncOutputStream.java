package io.github.firmwaremaven.compression;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands bytes to a second thread that writes them to {@code downstream} (a compressor), so reading
 * the input files and compressing run on two cores. The queue is bounded: memory stays small.
 */
public final class AsyncOutputStream extends BlockOutputStream {
    private static final int CHUNK = 1 << 20;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4);
    private final Thread worker;
    private volatile Throwable failure;

    public AsyncOutputStream(OutputStream downstream) {
        super(CHUNK);
        worker = new Thread(() -> {
            try (OutputStream d = downstream) {
                while (true) {
                    byte[] b = queue.take();
                    if (b == END) {
                        break;
                    }
                    d.write(b);
                }
            } catch (Throwable t) {
                failure = t;
                queue.clear();
            }
        }, "initramfs-compress");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    void blockFull() throws IOException {
        put(take());
    }

    private void put(byte[] b) throws IOException {
        try {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                check();
            }
            check();
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /** Stops the worker too, and keeps this thread's interrupt for its caller. */
    private InterruptedIOException interrupted() {
        worker.interrupt();
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while compressing");
    }

    private void check() throws IOException {
        Throwable t = failure;
        if (t != null) {
            throw t instanceof IOException ? (IOException) t : new IOException("compression failed", t);
        }
    }

    @Override
    void finish() throws IOException {
        if (buffered() > 0) {
            put(take());
        }
        put(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            throw interrupted();
        }
        check();
    }
}
