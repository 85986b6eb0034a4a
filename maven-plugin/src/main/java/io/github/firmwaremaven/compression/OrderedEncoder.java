package io.github.firmwaremaven.compression;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Blocks encoded on a pool of threads, their results handed on in the order they were submitted,
 * so the bytes never depend on the number of threads; at most {@code maxInFlight} wait, which
 * bounds the memory a large input takes.
 */
final class OrderedEncoder<T> implements AutoCloseable {
    /** Where each result goes, in submission order. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(T result) throws IOException;
    }

    private final ExecutorService pool;
    private final int maxInFlight;
    private final String format;
    private final Sink<T> sink;
    private final Deque<Future<T>> inFlight = new ArrayDeque<>();

    OrderedEncoder(String format, int threads, int maxInFlight, Sink<T> sink) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "initramfs-" + format);
            t.setDaemon(true);
            return t;
        });
        this.maxInFlight = maxInFlight;
        this.format = format;
        this.sink = sink;
    }

    void submit(Callable<T> block) throws IOException {
        inFlight.add(pool.submit(block));
        while (inFlight.size() > maxInFlight) {
            drainOne();
        }
    }

    /** Hands on every result still waiting. */
    void finish() throws IOException {
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        try {
            sink.accept(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException(format + " compression failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
