package io.github.firmwaremaven.archives;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a decompressor on its own thread and hands its output over in 1 MiB chunks, so that decoding
 * (xz, bzip2: CPU-bound) and writing 80,000 files (system-call-bound) use both cores.
 */
final class DecodingPipe extends InputStream {
    private static final byte[] END = new byte[0];
    private static final int CHUNK = 1 << 20;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    DecodingPipe(InputStream decoded, String name) {
        thread = new Thread(() -> pump(decoded), "firmware-decode-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream in) {
        try (in) {
            while (!closed) {
                byte[] buf = new byte[CHUNK];
                int filled = 0;
                int n;
                while (filled < CHUNK && (n = in.read(buf, filled, CHUNK - filled)) >= 0) {
                    filled += n;
                }
                if (filled > 0) {
                    queue.put(filled == CHUNK ? buf : Arrays.copyOf(buf, filled));
                }
                if (filled < CHUNK) {
                    break;
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                if (!closed) {
                    queue.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        while (pos >= current.length) {
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while decoding");
            }
            pos = 0;
            if (current == END) {
                ended = true;
                Throwable t = failure;
                if (t instanceof IOException io) {
                    throw new IOException(io.getMessage(), io);
                } else if (t != null) {
                    throw new IOException(t.toString(), t);
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        // Unblock the decoder if it waits on a full queue.
        queue.clear();
        thread.interrupt();
    }
}
