package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which server sees which Authorization header, across redirects, mirrors and refusals. */
class CredentialsOriginTest {
    @TempDir
    Path tmp;

    final RecordingLog log = new RecordingLog();
    final byte[] data = Fixtures.random(50_000, 7);
    final List<TestServer> servers = new ArrayList<>();
    /** Every request of every server: "<name> <path> <Authorization or ->". */
    final List<String> seen = new CopyOnWriteArrayList<>();

    static final String ALICE = basic("alice", "origin-pw");
    static final String MIRROR = basic("mirror-user", "mirror-pw");

    /** A server on 127.0.0.1 that writes every request it gets into {@link #seen}. */
    TestServer server(String name) throws IOException {
        TestServer s = new TestServer(name, seen);
        servers.add(s);
        return s;
    }

    /** The source's own server, which wants alice's login: the credentials of server id 'origin'. */
    TestServer aliceOrigin() throws IOException {
        TestServer s = server("origin");
        s.requiredAuthorization = ALICE;
        return s;
    }

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    FetchOptions options() {
        return FetchOptions.defaults(tmp.resolve("downloads")).withRetries(3, Duration.ofMillis(5))
                .withNetwork(List.of(), Map.of("origin", new Credentials("alice", "origin-pw"),
                        "mirror", new Credentials("mirror-user", "mirror-pw"),
                        "wrong", new Credentials("alice", "not-the-pw")));
    }

    SourceSpec spec(String name, String url, String serverId) throws Exception {
        return SourceSpec.builder(name).url(url).fileName(name + ".bin").sha256(Fixtures.sha256(data))
                .serverId(serverId).build();
    }

    List<String> seenBy(String server) {
        return seen.stream().filter(l -> l.startsWith(server + " ")).toList();
    }

    @Test
    void anOriginIsSchemeHostAndPortWithTheDefaultPortMadeExplicit() {
        assertEquals(Origin.of(URI.create("http://Example.org/a")), Origin.of(URI.create("http://example.org:80/b")));
        assertEquals(Origin.of(URI.create("https://example.org/a")), Origin.of(URI.create("https://example.org:443/")));
        assertNotEquals(Origin.of(URI.create("http://example.org/")), Origin.of(URI.create("https://example.org/")));
        assertNotEquals(Origin.of(URI.create("http://127.0.0.1:8080/")), Origin.of(URI.create("http://127.0.0.1:8081/")));
        assertNotEquals(Origin.of(URI.create("http://example.org/")), Origin.of(URI.create("http://example.org.evil/")));
        assertEquals("http://[::1]:8080", Origin.of(URI.create("http://[::1]:8080/x")).toString());
        assertNull(Origin.of(URI.create("file:///tmp/x")));
        assertNull(Origin.of(URI.create("http:///x")));
    }

    @Test
    void aRedirectToAnotherPortDoesNotCarryTheCredentials() throws Exception {
        TestServer origin = aliceOrigin();
        TestServer other = server("other");
        origin.redirects.put("moved/f.bin", other.url("f.bin"));
        other.files.put("f.bin", data);
        Path got = new DownloadCache(options(), log).fetch(spec("f", origin.url("moved/f.bin"), "origin"));
        assertArrayEquals(data, Files.readAllBytes(got));
        assertEquals(List.of("origin moved/f.bin " + ALICE), seenBy("origin"));
        assertEquals(List.of("other f.bin -"), seenBy("other"));
    }

    @Test
    void aRedirectBackToTheOriginCarriesThemAgainAndOnlyThere() throws Exception {
        TestServer origin = aliceOrigin();
        TestServer hop = server("hop");
        origin.redirects.put("start.bin", hop.url("hop.bin"));
        hop.redirects.put("hop.bin", origin.url("final.bin"));
        origin.files.put("final.bin", data);
        new DownloadCache(options(), log).fetch(spec("f", origin.url("start.bin"), "origin"));
        assertEquals(List.of("origin start.bin " + ALICE, "hop hop.bin -", "origin final.bin " + ALICE), seen);
    }

    @Test
    void a401AfterARedirectToAnotherOriginSaysWhyNoCredentialsWentThere() throws Exception {
        TestServer origin = server("origin");
        TestServer other = server("other");
        origin.redirects.put("f.bin", other.url("f.bin"));
        other.requiredAuthorization = ALICE;
        other.files.put("f.bin", data);
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new DownloadCache(options(), log).fetch(spec("f", origin.url("f.bin"), "origin")));
        assertTrue(e.getMessage().contains("credentials of server 'origin' belong to http://127.0.0.1:"
                + origin.server.getAddress().getPort()), e.getMessage());
        assertEquals(List.of("other f.bin -"), seenBy("other"));
    }

    @Test
    void mirrorsGetTheirOwnServerIdAndTheSourceOriginItsOwn() throws Exception {
        TestServer primary = server("primary");
        TestServer origin = aliceOrigin();
        TestServer backup = server("backup");
        primary.requiredAuthorization = MIRROR; // has the right login but not the file
        origin.statuses.put("f.bin", 503);
        backup.files.put("m/f.bin", data);
        FetchOptions o = options().withRetries(1, Duration.ofMillis(1))
                .withMirrors(primary.url("m"), backup.url("m"), false).withMirrorServerIds("mirror", null);
        new DownloadCache(o, log).fetch(spec("f", origin.url("f.bin"), "origin"));
        assertEquals(List.of("primary m/f.bin " + MIRROR), seenBy("primary"));
        assertEquals(List.of("origin f.bin " + ALICE), seenBy("origin"));
        assertEquals(List.of("backup m/f.bin -"), seenBy("backup"));
    }

    @Test
    void aMirrorWithoutItsOwnServerIdNeverSeesTheSourcesCredentials() throws Exception {
        TestServer primary = server("primary");
        TestServer origin = aliceOrigin();
        primary.requiredAuthorization = MIRROR; // answers 401 to anyone without the mirror login
        origin.files.put("f.bin", data);
        new DownloadCache(options().withMirrors(primary.url("m"), null, false), log)
                .fetch(spec("f", origin.url("f.bin"), "origin"));
        assertEquals(List.of("primary m/f.bin -", "origin f.bin " + ALICE), seen);
    }

    @Test
    void aWrongPasswordIsSentOncePerServerIdPerBuildAndNamedWithoutThePassword() throws Exception {
        TestServer origin = aliceOrigin();
        origin.files.put("a.bin", data);
        origin.files.put("b.bin", data);
        DownloadCache cache = new DownloadCache(options(), log);
        FirmwareException first = assertThrows(FirmwareException.class,
                () -> cache.fetch(spec("a", origin.url("a.bin"), "wrong")));
        assertTrue(first.getMessage().contains("server id 'wrong'"), first.getMessage());
        assertTrue(first.getMessage().contains(origin.url("a.bin")), first.getMessage());
        assertTrue(first.getMessage().contains("HTTP 401"), first.getMessage());
        assertFalse(first.getMessage().contains("not-the-pw"), first.getMessage());
        // A second source with the same server id, and a second URL of it: nothing is sent.
        SourceSpec b = SourceSpec.builder("b").url(origin.url("b.bin")).url(origin.url("a.bin")).fileName("b.bin")
                .sha256(Fixtures.sha256(data)).serverId("wrong").build();
        FirmwareException second = assertThrows(FirmwareException.class, () -> cache.fetch(b));
        assertTrue(second.getMessage().contains("not sent again"), second.getMessage());
        assertEquals(List.of("origin a.bin " + basic("alice", "not-the-pw")), seen);
        assertFalse(log.text().contains("not-the-pw"));
        // Another server id is not affected.
        cache.fetch(spec("c", origin.url("b.bin"), "origin"));
        assertEquals(2, seen.size(), seen.toString());
    }

    @Test
    void a403WithCredentialsIsNotRetriedEither() throws Exception {
        TestServer origin = server("origin");
        origin.statuses.put("a.bin", 403);
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new DownloadCache(options(), log).fetch(spec("a", origin.url("a.bin"), "origin")));
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertEquals(1, seen.size(), seen.toString());
    }

    @Test
    void aRedirectLoopEndsAfterTenHops() throws Exception {
        TestServer origin = server("origin");
        origin.redirects.put("loop.bin", origin.url("loop.bin"));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new DownloadCache(options().withRetries(1, Duration.ofMillis(1)), log)
                        .fetch(spec("a", origin.url("loop.bin"), null)));
        assertTrue(e.getMessage().contains("more than 10 redirects"), e.getMessage());
        assertEquals(HttpFetcher.MAX_REDIRECTS + 1, seen.size());
    }

    @Test
    void aRedirectToANonHttpSchemeIsNotFollowed() throws Exception {
        TestServer origin = server("origin");
        origin.redirects.put("f.bin", "file:///etc/passwd");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new DownloadCache(options(), log).fetch(spec("a", origin.url("f.bin"), null)));
        assertTrue(e.getMessage().contains("not an http(s) URL"), e.getMessage());
        assertEquals(1, seen.size(), "not retried: " + seen);
    }

    @Test
    void aServerIdTheSettingsLackFailsBeforeAnyDownloadNamingItAndTheSettingsFile() throws Exception {
        TestServer origin = server("origin");
        origin.files.put("a.bin", data);
        List<SourceSpec> specs = List.of(spec("a", origin.url("a.bin"), "nosuch"));
        FirmwareException e = assertThrows(FirmwareException.class, () -> FetchPreflight.check(specs,
                options(), "user settings /home/u/.m2/settings.xml", List.of()));
        assertTrue(e.getMessage().contains("source 'a' <serverId>nosuch</serverId>"), e.getMessage());
        assertTrue(e.getMessage().contains("/home/u/.m2/settings.xml"), e.getMessage());
        FirmwareException m = assertThrows(FirmwareException.class, () -> FetchPreflight.check(List.of(),
                options().withMirrors(origin.url("m"), null, false).withMirrorServerIds("gone", null), "s.xml",
                List.of()));
        assertTrue(m.getMessage().contains("primary mirror's server id 'gone'"), m.getMessage());
        FetchPreflight.check(List.of(spec("a", origin.url("a.bin"), "origin")), options(), "s.xml", List.of());
        assertEquals(List.of(), seen);
    }

    @Test
    void anUndecryptablePasswordFailsBeforeAnyDownload() throws Exception {
        List<SourceSpec> specs = List.of(spec("a", "http://127.0.0.1:9/a.bin", "origin"));
        FirmwareException e = assertThrows(FirmwareException.class, () -> FetchPreflight.check(specs, options(),
                "user settings s.xml", List.of("Failed to decrypt password for server origin: bad master")));
        assertTrue(e.getMessage().contains("Failed to decrypt password for server origin"), e.getMessage());
        assertTrue(e.getMessage().contains("settings-security.xml"), e.getMessage());
        // Without any server id in use the problem does not stop the build.
        FetchPreflight.check(List.of(spec("b", "http://127.0.0.1:9/b.bin", null)), options(), "s.xml",
                List.of("Failed to decrypt password for server origin: bad master"));
    }

    @Test
    void badMirrorUrlsFailBeforeAnyDownload() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> FetchPreflight.check(List.of(),
                options().withMirrors("http:///mirror", null, false), "s.xml", List.of()));
        assertTrue(e.getMessage().contains("-Dfirmware.fetch-sources.primaryMirror=http:///mirror has no host name"), e.getMessage());
    }
}
