package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCacheTest {
    @TempDir
    Path tmp;

    TestServer server;
    RecordingLog log = new RecordingLog();
    byte[] data = Fixtures.random(300_000, 1);

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        server.files.put("up/pkg-1.0.tar.gz", data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    FetchOptions options() {
        return FetchOptions.defaults(tmp.resolve("downloads")).withRetries(3, Duration.ofMillis(10));
    }

    SourceSpec spec(String sha) throws Exception {
        return SourceSpec.builder("pkg").version("1.0").url(server.url("up/pkg-1.0.tar.gz")).sha256(sha).build();
    }

    @Test
    void downloadsVerifiesAndThenServesFromTheCacheWithoutHashingAgain() throws Exception {
        DownloadCache cache = new DownloadCache(options(), log);
        Path f = cache.fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(tmp.resolve("downloads/pkg-1.0.tar.gz"), f);
        assertTrue(Files.isRegularFile(tmp.resolve("downloads/pkg-1.0.tar.gz.verified")));
        cache.fetch(spec(Fixtures.sha256(data)));
        assertEquals(1, server.gets.get());
        assertNoTemporaries();
    }

    @Test
    void checksumMismatchDeletesTheFileAndNamesBothDigestsAndEveryUrl() throws Exception {
        String wrong = "0".repeat(64);
        DownloadCache cache = new DownloadCache(options().withMirrors(server.url("mirror"), null, false), log);
        FirmwareException e = assertThrows(FirmwareException.class, () -> cache.fetch(spec(wrong)));
        assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains(Fixtures.sha256(data)), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("mirror/pkg-1.0.tar.gz")), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("up/pkg-1.0.tar.gz")), e.getMessage());
        try (Stream<Path> s = Files.list(tmp.resolve("downloads"))) {
            assertEquals(List.of(".locks"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aCacheFileCorruptedInPlaceWithSameSizeAndMtimeIsCaughtOnNextUse() throws Exception {
        DownloadCache cache = new DownloadCache(options(), log);
        Path f = cache.fetch(spec(Fixtures.sha256(data)));
        FileTime mtime = Files.getLastModifiedTime(f);
        Thread.sleep(20);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(1000);
            raf.write(~data[1000]);
        }
        Files.setLastModifiedTime(f, mtime); // the ctime still moves
        assertEquals(data.length, Files.size(f));
        assertNull(cache.cached(spec(Fixtures.sha256(data))), "corruption must be caught");
        assertTrue(log.text().contains("does not match"), log.text());
        Path again = cache.fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(again));
        assertEquals(2, server.gets.get());
    }

    @Test
    void aBrokenTransferIsResumedWithARangeRequest() throws Exception {
        server.cutFirstTransfer = true;
        DownloadCache cache = new DownloadCache(options(), log);
        Path f = cache.fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(1, server.rangeRequests.size(), server.requests.toString());
        assertTrue(server.bytesSent.get() < data.length * 3 / 2, "sent " + server.bytesSent.get());
        assertNoTemporaries();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server.failFirst.set(2);
        Path f = new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(3, server.gets.get());
    }

    @Test
    void aMirror404FallsBackToUpstreamAndTheBackupMirrorComesLast() throws Exception {
        DownloadCache cache = new DownloadCache(options().withMirrors(server.url("primary"), server.url("backup"),
                false), log);
        assertEquals(List.of(server.url("primary/pkg-1.0.tar.gz"), server.url("up/pkg-1.0.tar.gz"),
                server.url("backup/pkg-1.0.tar.gz")), cache.candidates(spec(Fixtures.sha256(data))));
        cache.fetch(spec(Fixtures.sha256(data)));
        assertEquals(List.of("GET primary/pkg-1.0.tar.gz", "GET up/pkg-1.0.tar.gz"), server.requests);
    }

    @Test
    void thePrimaryMirrorIsTriedFirstByFileName() throws Exception {
        server.files.put("primary/pkg-1.0.tar.gz", data);
        new DownloadCache(options().withMirrors(server.url("primary"), null, false), log)
                .fetch(spec(Fixtures.sha256(data)));
        assertEquals(List.of("GET primary/pkg-1.0.tar.gz"), server.requests);
    }

    @Test
    void mirrorOnlyModeNeverAsksUpstreamAndFailsOnAMiss() throws Exception {
        DownloadCache cache = new DownloadCache(options().withMirrors(server.url("primary"), null, true), log);
        FirmwareException e = assertThrows(FirmwareException.class, () -> cache.fetch(spec(Fixtures.sha256(data))));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(List.of("GET primary/pkg-1.0.tar.gz"), server.requests);
    }

    @Test
    void offlineHitIsServedAndOfflineMissNamesTheFileUrlsAndTheCommand() throws Exception {
        new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        DownloadCache offline = new DownloadCache(options().withOffline(true), log);
        assertTrue(Files.isRegularFile(offline.fetch(spec(Fixtures.sha256(data)))));
        SourceSpec other = SourceSpec.builder("other").url(server.url("up/other.tar.gz")).sha256("1".repeat(64)).build();
        FirmwareException e = assertThrows(FirmwareException.class, () -> offline.fetch(other));
        assertTrue(e.getMessage().contains("other.tar.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("up/other.tar.gz")), e.getMessage());
        assertTrue(e.getMessage().contains("mvn firmware:fetch-sources"), e.getMessage());
        assertEquals(1, server.gets.get());
    }

    @Test
    void concurrentFetchesOfOneFileDownloadItOnce() throws Exception {
        server.delayMillis = 300;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)))));
            }
            for (Future<Path> r : results) {
                assertArrayEquals(data, Files.readAllBytes(r.get()));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, server.gets.get());
    }

    @Test
    void aPartialFileLeftByAKilledBuildIsContinued() throws Exception {
        Files.createDirectories(tmp.resolve("downloads"));
        Files.write(tmp.resolve("downloads/pkg-1.0.tar.gz.part"), java.util.Arrays.copyOf(data, 1000));
        Path f = new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(List.of("bytes=1000-"), server.rangeRequests);
        assertNoTemporaries();
    }

    @Test
    void aGarbagePartialFileIsDiscardedAndDownloadedAfresh() throws Exception {
        Files.createDirectories(tmp.resolve("downloads"));
        Files.write(tmp.resolve("downloads/pkg-1.0.tar.gz.part"), new byte[1000]);
        Path f = new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertNoTemporaries();
    }

    @Test
    void fileUrlsWork() throws Exception {
        Path local = tmp.resolve("local.bin");
        Files.write(local, data);
        SourceSpec s = SourceSpec.builder("local").url(local.toUri().toString()).sha256(Fixtures.sha256(data)).build();
        assertArrayEquals(data, Files.readAllBytes(new DownloadCache(options(), log).fetch(s)));
    }

    @Test
    void requestsGoThroughTheSettingsProxyWithItsCredentialsAndThePasswordIsNeverLogged() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer proxy = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpClient upstream = HttpClient.newHttpClient();
        proxy.createContext("/", x -> {
            try (x) {
                seen.add(x.getRequestURI() + " auth=" + x.getRequestHeaders().getFirst("Proxy-Authorization"));
                String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes());
                if (!expected.equals(x.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                    x.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"p\"");
                    x.sendResponseHeaders(407, -1);
                    return;
                }
                HttpResponse<byte[]> r = upstream.send(HttpRequest.newBuilder(x.getRequestURI()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                x.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        try {
            ProxyConfig p = new ProxyConfig("http", "127.0.0.1", proxy.getAddress().getPort(), "alice", "s3cret-pw", null);
            DownloadCache cache = new DownloadCache(options().withNetwork(List.of(p), Map.of()), log);
            cache.fetch(spec(Fixtures.sha256(data)));
            assertEquals(1, seen.size(), seen.toString());
            assertTrue(seen.get(0).startsWith(server.url("up/pkg-1.0.tar.gz")), seen.toString());
            assertFalse(log.text().contains("s3cret-pw"));
            assertFalse(p.toString().contains("s3cret-pw"));
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void serverCredentialsFromSettingsAreGivenWhenTheServerAsks() throws Exception {
        server.requiredAuthorization = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:pa55".getBytes());
        SourceSpec s = spec(Fixtures.sha256(data)).toBuilder().serverId("vendor").build();
        FirmwareException denied = assertThrows(FirmwareException.class, () -> new DownloadCache(options(), log).fetch(s));
        assertTrue(denied.getMessage().contains("HTTP 401"), denied.getMessage());
        DownloadCache withCredentials = new DownloadCache(options().withNetwork(List.of(),
                Map.of("vendor", new Credentials("bob", "pa55"))), log);
        assertArrayEquals(data, Files.readAllBytes(withCredentials.fetch(s)));
        assertFalse(log.text().contains("pa55"));
    }

    private void assertNoTemporaries() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("downloads"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp")), names.toString());
        }
    }
}
