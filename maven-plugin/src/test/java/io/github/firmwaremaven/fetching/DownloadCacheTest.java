package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
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
        String sha = Fixtures.sha256(data);
        Path entry = tmp.resolve("downloads/v1/sha256/" + sha.substring(0, 2) + "/" + sha);
        assertEquals(entry.resolve("pkg-1.0.tar.gz"), f);
        assertTrue(Files.isRegularFile(entry.resolve("pkg-1.0.tar.gz.verified")));
        cache.fetch(spec(Fixtures.sha256(data)));
        assertEquals(1, server.gets.get());
        assertNoTemporaries();
    }

    @Test
    void checksumMismatchQuarantinesTheFileAndNamesBothDigestsEveryUrlAndTheQuarantine() throws Exception {
        String wrong = "0".repeat(64);
        DownloadCache cache = new DownloadCache(options().withMirrors(server.url("mirror"), null, false), log);
        FirmwareException e = assertThrows(FirmwareException.class, () -> cache.fetch(spec(wrong)));
        assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains(Fixtures.sha256(data)), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("mirror/pkg-1.0.tar.gz")), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("up/pkg-1.0.tar.gz")), e.getMessage());
        Path q = tmp.resolve("downloads/v1/quarantine/sha256-" + Fixtures.sha256(data) + "/pkg-1.0.tar.gz");
        assertTrue(e.getMessage().contains("quarantined as " + q), e.getMessage());
        assertTrue(e.getMessage().contains("re-pin"), e.getMessage());
        assertArrayEquals(data, Files.readAllBytes(q));
        assertFalse(Files.exists(tmp.resolve("downloads/v1/sha256/00/" + wrong)), "nothing is stored under the wrong pin");
        assertNoTemporaries();
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
        Path q = tmp.resolve("downloads/v1/quarantine");
        try (Stream<Path> w = Files.walk(q)) {
            assertEquals(1, w.filter(p -> p.getFileName().toString().equals("pkg-1.0.tar.gz")).count(),
                    "the corrupted file is kept in quarantine, not deleted");
        }
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
        Path part = entryOf(data).resolve("pkg-1.0.tar.gz.part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(data, 1000));
        Path f = new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(List.of("bytes=1000-"), server.rangeRequests);
        assertNoTemporaries();
    }

    @Test
    void aGarbagePartialFileIsDiscardedAndDownloadedAfresh() throws Exception {
        Path part = entryOf(data).resolve("pkg-1.0.tar.gz.part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[1000]);
        Path f = new DownloadCache(options(), log).fetch(spec(Fixtures.sha256(data)));
        assertArrayEquals(data, Files.readAllBytes(f));
        assertEquals(List.of("GET up/pkg-1.0.tar.gz", "GET up/pkg-1.0.tar.gz"), server.requests);
        assertEquals(List.of("bytes=1000-"), server.rangeRequests, "continued once, then from scratch");
        assertTrue(log.text().contains("downloading again from scratch"), log.text());
        assertFalse(Files.exists(tmp.resolve("downloads/v1/quarantine")), "a resume artefact is not quarantined");
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

    @Test
    void sourcesSharingAFileNameEachGetTheirOwnEntryAndContent() throws Exception {
        byte[] other = Fixtures.random(200_000, 2);
        server.files.put("alpha/archive/v1.0.tar.gz", data);
        server.files.put("beta/archive/v1.0.tar.gz", other);
        SourceSpec alpha = SourceSpec.builder("alpha").url(server.url("alpha/archive/v1.0.tar.gz"))
                .sha256(Fixtures.sha256(data)).build();
        SourceSpec beta = SourceSpec.builder("beta").url(server.url("beta/archive/v1.0.tar.gz"))
                .sha256(Fixtures.sha256(other)).build();
        DownloadCache cache = new DownloadCache(options(), log);
        Path a = cache.fetch(alpha);
        Path b = cache.fetch(beta);
        assertFalse(a.equals(b));
        assertEquals("v1.0.tar.gz", a.getFileName().toString());
        assertEquals("v1.0.tar.gz", b.getFileName().toString());
        assertArrayEquals(data, Files.readAllBytes(a));
        assertArrayEquals(other, Files.readAllBytes(b));
        assertEquals(a, cache.location(alpha));
        assertEquals(b, cache.location(beta));
        DownloadCache again = new DownloadCache(options(), log);
        assertEquals(a, again.fetch(alpha));
        assertEquals(b, again.fetch(beta));
        assertEquals(2, server.gets.get(), "a second round downloads nothing: " + server.requests);
    }

    @Test
    void aWrongPinForTheSameUrlQuarantinesItsDownloadAndLeavesTheRightPinsFileInPlace() throws Exception {
        DownloadCache cache = new DownloadCache(options(), log);
        Path good = cache.fetch(spec(Fixtures.sha256(data)));
        String record = Files.readString(good.resolveSibling("pkg-1.0.tar.gz.verified"));
        String wrong = "ab".repeat(32);
        FirmwareException e = assertThrows(FirmwareException.class, () -> cache.fetch(spec(wrong)));
        Path q = tmp.resolve("downloads/v1/quarantine/sha256-" + Fixtures.sha256(data) + "/pkg-1.0.tar.gz");
        assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains(server.url("up/pkg-1.0.tar.gz") + " gave sha256 " + Fixtures.sha256(data)),
                e.getMessage());
        assertTrue(e.getMessage().contains(q.toString()), e.getMessage());
        assertArrayEquals(data, Files.readAllBytes(good), "the right pin's file is untouched");
        assertEquals(record, Files.readString(good.resolveSibling("pkg-1.0.tar.gz.verified")));
        int before = server.gets.get();
        DownloadCache offline = new DownloadCache(options().withOffline(true), log);
        assertEquals(good, offline.fetch(spec(Fixtures.sha256(data))));
        assertEquals(before, server.gets.get());
    }

    @Test
    void anUnverifiedSourceIsKeyedByItsUrlAndNeverTakesOrGivesAPinnedFile() throws Exception {
        byte[] other = Fixtures.random(1000, 3);
        server.files.put("elsewhere/pkg-1.0.tar.gz", other);
        DownloadCache cache = new DownloadCache(options(), log);
        Path pinned = cache.fetch(spec(Fixtures.sha256(data)));
        SourceSpec loose = SourceSpec.builder("loose").url(server.url("elsewhere/pkg-1.0.tar.gz")).unverified(true).build();
        Path f = cache.fetch(loose);
        assertTrue(f.startsWith(tmp.resolve("downloads/v1/unverified")), f.toString());
        assertArrayEquals(other, Files.readAllBytes(f));
        assertArrayEquals(data, Files.readAllBytes(pinned));
        SourceSpec looseElsewhere = SourceSpec.builder("loose2").url(server.url("up/pkg-1.0.tar.gz")).unverified(true)
                .build();
        assertFalse(cache.location(looseElsewhere).equals(f), "another URL is another entry");
        assertEquals(f, cache.fetch(loose));
        assertEquals(2, server.gets.get());
    }

    @Test
    void aFileOfTheOldLayoutIsAdoptedWhenItHashesToThePinAndIgnoredWhenItDoesNot() throws Exception {
        Path root = tmp.resolve("downloads");
        Files.createDirectories(root);
        Files.write(root.resolve("pkg-1.0.tar.gz"), data); // old layout, no record
        DownloadCache offline = new DownloadCache(options().withOffline(true), log);
        Path f = offline.fetch(spec(Fixtures.sha256(data)));
        assertEquals(entryOf(data).resolve("pkg-1.0.tar.gz"), f);
        assertArrayEquals(data, Files.readAllBytes(f));
        assertTrue(Files.isRegularFile(f.resolveSibling("pkg-1.0.tar.gz.verified")));
        assertTrue(Files.isRegularFile(root.resolve("pkg-1.0.tar.gz")), "the old file stays for older plugin versions");
        assertTrue(log.text().contains("old layout"), log.text());
        assertEquals(0, server.gets.get());

        // Another pin, same file name: the old file is not its content, so it is downloaded and the old file kept.
        byte[] other = Fixtures.random(5000, 4);
        server.files.put("b/pkg-1.0.tar.gz", other);
        SourceSpec b = SourceSpec.builder("b").url(server.url("b/pkg-1.0.tar.gz")).sha256(Fixtures.sha256(other)).build();
        assertArrayEquals(other, Files.readAllBytes(new DownloadCache(options(), log).fetch(b)));
        assertArrayEquals(data, Files.readAllBytes(root.resolve("pkg-1.0.tar.gz")));
        assertEquals(1, server.gets.get());
        FirmwareException e = assertThrows(FirmwareException.class, () -> offline.fetch(
                SourceSpec.builder("c").url(server.url("c/pkg-1.0.tar.gz")).sha256("cd".repeat(32)).build()));
        assertTrue(e.getMessage().contains("pkg-1.0.tar.gz"), e.getMessage());
    }

    @Test
    void anOldLayoutFileWhoseFreshRecordNamesAnotherDigestIsNotAdoptedWithoutHashing() throws Exception {
        DownloadCache cache = new DownloadCache(options(), log);
        Path f = cache.fetch(spec(Fixtures.sha256(data)));
        Path root = tmp.resolve("downloads");
        // Simulate the old layout: the file and a record of the right attributes, but for another digest.
        Files.copy(f, root.resolve("pkg-1.0.tar.gz"));
        Files.writeString(root.resolve("pkg-1.0.tar.gz.verified"), "algorithm=sha256\ndigest=" + "ef".repeat(32)
                + "\nattributes=" + DownloadCache.attributes(root.resolve("pkg-1.0.tar.gz")).replace(":", "\\:")
                .replace("=", "\\=") + "\n");
        SourceSpec lying = SourceSpec.builder("x").url(server.url("up/pkg-1.0.tar.gz")).sha256(Fixtures.sha256(data))
                .build();
        // Its record names another pin with unchanged attributes: not adopted (no hash), downloaded afresh after
        // the entry is removed.
        Files.delete(f);
        Files.delete(f.resolveSibling("pkg-1.0.tar.gz.verified"));
        assertNull(new DownloadCache(options().withOffline(true), log).cached(lying));
    }

    @Test
    void aContinuedDownloadThatDoesNotVerifyIsRestartedOnceAndAFailedRestartIsNotBlamedOnThePin() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            try (x) {
                String range = x.getRequestHeaders().getFirst("Range");
                seen.add(range == null ? "full" : range);
                if (range == null) {
                    x.sendResponseHeaders(503, -1); // the fresh download does not get through
                    return;
                }
                int from = Integer.parseInt(range.substring(6, range.indexOf('-')));
                x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
                x.sendResponseHeaders(206, data.length - from);
                x.getResponseBody().write(data, from, data.length - from);
            }
        });
        s.start();
        try {
            String url = "http://127.0.0.1:" + s.getAddress().getPort() + "/pkg-1.0.tar.gz";
            SourceSpec spec = SourceSpec.builder("pkg").url(url).sha256(Fixtures.sha256(data)).build();
            Path part = entryOf(data).resolve("pkg-1.0.tar.gz.part");
            Files.createDirectories(part.getParent());
            Files.write(part, new byte[1000]); // left by a killed build, and wrong
            FirmwareException e = assertThrows(FirmwareException.class, () -> new DownloadCache(options(), log).fetch(spec));
            assertEquals(List.of("bytes=1000-", "full", "full", "full"), seen);
            assertTrue(e.getMessage().contains("Source 'pkg': could not download pkg-1.0.tar.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("did not verify, so it was removed and started again from scratch"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("not a sign of a wrong pin"), e.getMessage());
            assertFalse(e.getMessage().contains("re-pin"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("downloads/v1/quarantine")));
            assertNoTemporaries();
        } finally {
            s.stop(0);
        }
    }

    @Test
    void pruneEmptiesTheQuarantineAndWithEverythingTheWholeCacheButNotForeignFiles() throws Exception {
        DownloadCache cache = new DownloadCache(options(), log);
        Path good = cache.fetch(spec(Fixtures.sha256(data)));
        assertThrows(FirmwareException.class, () -> cache.fetch(spec("12".repeat(32))));
        Path root = tmp.resolve("downloads");
        Files.write(root.resolve("old.tar.gz"), data);
        Files.writeString(root.resolve("old.tar.gz.verified"), "algorithm=sha256\n");
        Files.writeString(root.resolve("notes.txt"), "mine");
        DownloadCachePrune.Result r = DownloadCachePrune.prune(root, false);
        assertEquals(1, r.files());
        assertEquals(data.length, r.bytes());
        assertFalse(Files.exists(root.resolve("v1/quarantine")));
        assertTrue(Files.isRegularFile(good));
        DownloadCachePrune.prune(root, true);
        try (Stream<Path> l = Files.list(root)) {
            assertEquals(List.of("notes.txt"), l.map(p -> p.getFileName().toString()).toList());
        }
    }

    private Path entryOf(byte[] content) throws Exception {
        String sha = Fixtures.sha256(content);
        return tmp.resolve("downloads/v1/sha256/" + sha.substring(0, 2) + "/" + sha);
    }

    private void assertNoTemporaries() throws IOException {
        try (Stream<Path> s = Files.walk(tmp.resolve("downloads"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp")), names.toString());
        }
    }
}
