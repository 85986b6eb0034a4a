package io.github.firmwaremaven.locking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on a path, held against other threads of this JVM and against other processes.
 *
 * <p>Both layers are needed: a file lock belongs to the whole JVM (a second {@code lock()} from
 * another thread throws rather than waits), and a {@link ReentrantLock} alone does not stop a
 * second Maven process sharing the same cache.
 */
public final class PathLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private PathLocks() {}

    /** Blocks until {@code lockFile} is held exclusively; close the result to release it. */
    public static Held acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) {
                // Re-entered by the same thread: the file lock is already ours.
                return jvmLock::unlock;
            }
            Files.createDirectories(key.getParent());
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock fileLock = channel.lock();
                return () -> release(jvmLock, channel, fileLock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw e;
        }
    }

    /** A held lock; closing it releases it. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Releases the file lock, then the thread's hold. */
    private static void release(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            jvmLock.unlock();
        }
    }
}
