package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.Progress;
import io.github.firmwaremaven.steps.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads hand the progress their bytes while they run, and end their task when they end. */
class DownloadProgressTest {
    @TempDir
    Path tmp;

    TestServer server;
    final RecordingLog log = new RecordingLog();
    final byte[] data = Fixtures.random(2 << 20, 7);

    /** Records each task and the status its supplier gave when the test asked. */
    final class RecordingProgress implements Progress {
        final List<String> labels = new CopyOnWriteArrayList<>();
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile Supplier<String> current;
        volatile int open;

        @Override
        public Task start(String label, Supplier<String> status) {
            labels.add(label);
            current = status;
            open++;
            return () -> open--;
        }
    }

    final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        server.files.put("up/linux-6.1.tar.xz", data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    DownloadCache cache() {
        return new DownloadCache(FetchOptions.defaults(tmp.resolve("downloads")).withRetries(1, Duration.ofMillis(10))
                .withProgress(progress), log);
    }

    @Test
    void theStatusCountsTheBytesReceivedSoFarAgainstTheTotal() throws Exception {
        // Half the body is sent, then the server waits until the status says the client has it.
        server.midBody = () -> {
            long until = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < until) {
                Supplier<String> s = progress.current;
                String now = s == null ? null : s.get();
                if ("1 MiB of 2 MiB".equals(now)) {
                    progress.seen.add(now);
                    return;
                }
                Thread.onSpinWait();
            }
        };
        SourceSpec spec = SourceSpec.builder("linux").version("6.1").url(server.url("up/linux-6.1.tar.xz"))
                .sha256(Fixtures.sha256(data)).build();
        Path f = cache().fetch(spec);
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(List.of("Downloading linux-6.1.tar.xz"), progress.labels);
        assertEquals(List.of("1 MiB of 2 MiB"), progress.seen, "the status while half the file had arrived");
        assertEquals("2 MiB of 2 MiB", progress.current.get());
        assertEquals(0, progress.open, "the task ends with the download");
    }

    @Test
    void aLocalMirrorCopyReportsToo() throws Exception {
        Path local = Files.write(tmp.resolve("linux-6.1.tar.xz"), data);
        SourceSpec spec = SourceSpec.builder("linux").version("6.1").url(local.toUri().toString())
                .sha256(Fixtures.sha256(data)).build();
        cache().fetch(spec);
        assertEquals(List.of("Copying linux-6.1.tar.xz"), progress.labels);
        assertTrue(progress.current.get().endsWith(" of 2 MiB"), progress.current.get());
        assertEquals(0, progress.open);
    }
}
