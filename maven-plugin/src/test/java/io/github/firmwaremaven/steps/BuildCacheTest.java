package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
    @TempDir
    Path dir;

    @Test
    void producesOnceAndReusesAcrossCalls() throws Exception {
        BuildCache cache = new BuildCache(dir);
        AtomicInteger produced = new AtomicInteger();
        Path a = cache.obtain("basetools", "abc123", d -> {
            produced.incrementAndGet();
            Files.writeString(d.resolve("GenFw"), "binary");
        });
        Path b = cache.obtain("basetools", "abc123", d -> produced.incrementAndGet());
        assertEquals(a, b);
        assertEquals(1, produced.get());
        assertEquals("binary", Files.readString(a.resolve("GenFw")));
    }

    @Test
    void concurrentThreadsProduceOnce() throws Exception {
        BuildCache cache = new BuildCache(dir);
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Future<?>[] f = new Future<?>[4];
        for (int i = 0; i < 4; i++) {
            f[i] = pool.submit(() -> {
                go.await();
                return cache.obtain("toolchain", "k", d -> {
                    produced.incrementAndGet();
                    Thread.sleep(200);
                    Files.writeString(d.resolve("gcc"), "x");
                });
            });
        }
        go.countDown();
        for (Future<?> x : f) {
            x.get();
        }
        pool.shutdown();
        assertEquals(1, produced.get());
    }

    @Test
    void failedProducerLeavesNoEntryAndNoTemporaryDirectory() throws Exception {
        BuildCache cache = new BuildCache(dir);
        assertThrows(IllegalStateException.class, () -> cache.obtain("tree", "k", d -> {
            Files.writeString(d.resolve("half"), "x");
            throw new IllegalStateException("killed half way");
        }));
        assertTrue(cache.list().isEmpty());
        try (Stream<Path> s = Files.list(dir.resolve("tree"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void leftoverTemporaryDirectoryOfAKilledProducerIsRemovedByTheNextOne() throws Exception {
        Files.createDirectories(dir.resolve("tree/k.tmp-dead/sub"));
        BuildCache cache = new BuildCache(dir);
        cache.obtain("tree", "k", d -> Files.writeString(d.resolve("ok"), "x"));
        assertFalse(Files.exists(dir.resolve("tree/k.tmp-dead")));
    }

    @Test
    void listAndPrune() throws Exception {
        BuildCache cache = new BuildCache(dir);
        cache.obtain("a", "one", d -> Files.write(d.resolve("f"), new byte[2048]));
        cache.obtain("b", "two", d -> Files.write(d.resolve("f"), new byte[10]));
        assertEquals(2, cache.list().size());
        assertTrue(cache.list().get(0).bytes() >= 2048);
        assertTrue(cache.prune(Instant.now().minusSeconds(3600)).isEmpty(), "recently used entries stay");
        assertEquals(2, cache.prune(Instant.now().plusSeconds(1)).size());
        assertTrue(cache.list().isEmpty());
    }
}
