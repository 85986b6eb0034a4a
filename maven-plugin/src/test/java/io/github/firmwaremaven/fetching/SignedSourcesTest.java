package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.archives.ArchiveExtractor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.sbom.SbomWriter;
import io.github.firmwaremaven.sbom.SourceRecord;
import io.github.firmwaremaven.signatures.TestKeys;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures through fetch-sources: fetched like sources, checked before extraction, recorded. */
class SignedSourcesTest {
    static TestKeys upstream;
    static TestKeys stranger;

    @TempDir
    Path tmp;

    TestServer server;
    RecordingLog log = new RecordingLog();
    byte[] archive;
    Path key;

    @BeforeAll
    static void keys() throws Exception {
        upstream = TestKeys.create("Hello Upstream <release@hello.example>");
        stranger = TestKeys.create("Stranger <x@elsewhere.example>");
    }

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        archive = Fixtures.tarGz("hello-1.0", Map.of("hello.c", "int main(void) { return 0; }\n"));
        server.files.put("hello-1.0.tar.gz", archive);
        server.files.put("hello-1.0.tar.gz.asc", upstream.sign(archive));
        key = upstream.writePublicKey(tmp.resolve("board/src/keys/hello.asc"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    SourcePreparer preparer(FetchOptions o) {
        return new SourcePreparer(o, Fixtures.steps(tmp.resolve("cache/build"), log), List.of(),
                ArchiveExtractor.withHostXz(null), log);
    }

    FetchOptions online() {
        return FetchOptions.defaults(tmp.resolve("cache/downloads")).withRetries(1, java.time.Duration.ofMillis(1));
    }

    SourceSpec.Builder hello(byte[] pinned) throws Exception {
        return SourceSpec.builder("hello").version("1.0").url(server.url("hello-1.0.tar.gz"))
                .sha256(Fixtures.sha256(pinned)).signature(server.url("hello-1.0.tar.gz.asc"))
                .signingKeys(List.of(key));
    }

    Path signatureInCache() throws Exception {
        return tmp.resolve("cache/downloads/v1/signatures/sha256-" + Fixtures.sha256(archive) + "/hello-1.0.tar.gz.asc");
    }

    boolean anyTree() throws Exception {
        Path sources = tmp.resolve("cache/build/sources");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> s = Files.list(sources)) {
            return s.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }

    @Test
    void aGoodSignatureIsRecordedInTheRegistryAndTheSbomAndLeavesTheFingerprintAlone() throws Exception {
        Path area = tmp.resolve("target/firmware");
        preparer(online()).prepare(List.of(hello(archive).build()), area);
        SourceRegistry r = SourceRegistry.read(area);
        assertTrue(Files.isRegularFile(r.tree("hello").resolve("hello.c")));
        assertEquals(upstream.fingerprint(), r.signer("hello"));
        assertTrue(anyTree(), "the tree is in the build cache");
        assertTrue(Files.isRegularFile(signatureInCache()), "kept under the archive's pinned digest");
        assertTrue(log.contains("Source 'hello': good signature of hello-1.0.tar.gz by " + upstream.fingerprint()),
                log.text());

        String sbom = SbomWriter.json(new SbomWriter.Subject("g", "board", "1"), SourceRecord.all(r), List.of(), 0);
        assertTrue(sbom.contains("\"firmware:signer\""), sbom);
        assertTrue(sbom.contains("\"openpgp:" + upstream.fingerprint() + "\""), sbom);

        // The same bytes without a signature check give the same tree.
        Path plain = tmp.resolve("plain/firmware");
        preparer(online()).prepare(List.of(SourceSpec.builder("hello").version("1.0")
                .url(server.url("hello-1.0.tar.gz")).sha256(Fixtures.sha256(archive)).build()), plain);
        SourceRegistry p = SourceRegistry.read(plain);
        assertEquals(p.fingerprint("hello"), r.fingerprint("hello"));
        assertNull(p.signer("hello"));
    }

    @Test
    void aTamperedArchiveThatPassesItsPinIsStoppedByTheSignatureBeforeExtraction() throws Exception {
        byte[] evil = Fixtures.tarGz("hello-1.0", Map.of("hello.c", "int main(void) { return 666; }\n"));
        server.files.put("hello-1.0.tar.gz", evil);
        // Re-pinned to the tampered file, so only the signature can catch it.
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(List.of(hello(evil).build()), tmp.resolve("target/firmware")));
        String m = e.getMessage();
        assertTrue(m.startsWith("Source 'hello': BAD SIGNATURE: "), m);
        assertTrue(m.contains(upstream.keyId()), m);
        assertTrue(m.contains("hello-1.0.tar.gz.asc") && m.contains("does not match hello-1.0.tar.gz"), m);
        assertTrue(m.contains("Nothing of hello-1.0.tar.gz was extracted"), m);
        assertFalse(anyTree(), "no tree was prepared");
    }

    @Test
    void aSignatureByAKeyTheSourceDoesNotListFails() throws Exception {
        server.files.put("hello-1.0.tar.gz.asc", stranger.sign(archive));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(List.of(hello(archive).build()), tmp.resolve("target/firmware")));
        assertTrue(e.getMessage().contains("Source 'hello': the signature " + signatureInCache()), e.getMessage());
        assertTrue(e.getMessage().contains("made by key " + stranger.keyId() + ", which is not one of the keys"),
                e.getMessage());
        assertFalse(anyTree());
        assertFalse(Files.exists(signatureInCache()), "a refused signature is not kept for the next build");
    }

    @Test
    void aMissingSignatureFileFailsNamingItAndTheUrl() throws Exception {
        server.files.remove("hello-1.0.tar.gz.asc");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(List.of(hello(archive).build()), tmp.resolve("target/firmware")));
        String m = e.getMessage();
        assertTrue(m.startsWith("Source 'hello': could not download its signature hello-1.0.tar.gz.asc"), m);
        assertTrue(m.contains(server.url("hello-1.0.tar.gz.asc") + " (HTTP 404"), m);
        assertFalse(anyTree());
    }

    @Test
    void offlineWithTheSignatureCachedPassesAndWithoutItReportsItWithTheOtherMissingFiles() throws Exception {
        preparer(online()).fetchAll(List.of(hello(archive).build()));
        int requests = server.requests.size();
        preparer(online().withOffline(true)).prepare(List.of(hello(archive).build()), tmp.resolve("off/firmware"));
        assertEquals(requests, server.requests.size(), "offline asks no server");
        assertEquals(upstream.fingerprint(), SourceRegistry.read(tmp.resolve("off/firmware")).signer("hello"));

        Files.delete(signatureInCache());
        SourceSpec other = SourceSpec.builder("other").url(server.url("other-2.0.tar.gz"))
                .sha256("b".repeat(64)).build();
        FirmwareException e = assertThrows(FirmwareException.class, () -> preparer(online().withOffline(true))
                .prepare(List.of(hello(archive).build(), other), tmp.resolve("off2/firmware")));
        String m = e.getMessage();
        assertTrue(m.contains("lacks 2 source file(s)"), m);
        assertTrue(m.contains("hello: hello-1.0.tar.gz.asc\n      " + server.url("hello-1.0.tar.gz.asc")), m);
        assertTrue(m.contains("other: other-2.0.tar.gz"), m);
    }

    @Test
    void aSha1SignatureIsAcceptedWithAWarningNamingTheSource() throws Exception {
        server.files.put("hello-1.0.tar.gz.asc", upstream.sign(archive, HashAlgorithmTags.SHA1, Instant.now()));
        preparer(online()).prepare(List.of(hello(archive).build()), tmp.resolve("target/firmware"));
        assertTrue(log.contains("WARN Source 'hello': the signature hello-1.0.tar.gz.asc by key " + upstream.keyId()
                + " uses SHA-1"), log.text());
    }

    @Test
    void aStampedVerificationLapsesWhenTheKeysChange() throws Exception {
        preparer(online()).fetchAll(List.of(hello(archive).build()));
        // The board now trusts another key only: the signature cached and stamped earlier must not pass.
        stranger.writePublicKey(key);
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online().withOffline(true)).fetchAll(List.of(hello(archive).build())));
        assertTrue(e.getMessage().contains("made by key " + upstream.keyId()), e.getMessage());
    }

    @Test
    void theMirrorIsTriedFirstForTheSignatureToo() throws Exception {
        try (TestServer mirror = new TestServer()) {
            mirror.files.put("hello-1.0.tar.gz", archive);
            mirror.files.put("hello-1.0.tar.gz.asc", upstream.sign(archive));
            String base = mirror.url("").replaceAll("/$", "");
            preparer(online().withMirrors(base, null, true)).fetchAll(List.of(hello(archive).build()));
            assertEquals(List.of("GET hello-1.0.tar.gz", "GET hello-1.0.tar.gz.asc"), mirror.requests);
            assertTrue(server.requests.isEmpty(), "mirror-only: upstream untouched: " + server.requests);
        }
    }

    @Test
    void theOverridesFileMovesASignatureButGivesNoneToASourceWithoutKeys() throws Exception {
        Path file = Files.writeString(tmp.resolve("overrides.properties"),
                "hello.signature=" + server.url("mirror/hello-1.0.tar.gz.asc") + "\n"
                        + "plain.signature=" + server.url("mirror/plain.tar.gz.asc") + "\n", StandardCharsets.UTF_8);
        SourceSpec plain = SourceSpec.builder("plain").url(server.url("plain.tar.gz")).sha256("c".repeat(64)).build();
        List<String> changes = new ArrayList<>();
        List<SourceSpec> specs = Overrides.read(file).apply(List.of(hello(archive).build(), plain), changes);
        assertEquals(server.url("mirror/hello-1.0.tar.gz.asc"), specs.get(0).signature());
        assertEquals(List.of(key), specs.get(0).signingKeys(), "the keys stay the board's");
        assertNull(specs.get(1).signature());
        assertTrue(changes.stream().anyMatch(c -> c.startsWith("plain.signature from " + file + " ignored")), changes
                .toString());
    }

    @Test
    void signatureElementsThatCannotBeCheckedAreRefusedEarly() {
        String keysOnly = assertThrows(FirmwareException.class, () -> SourceSpec.builder("a").url("https://x/a.tgz")
                .sha256("a".repeat(64)).signingKeys(List.of(Path.of("k.asc"))).build()).getMessage();
        assertTrue(keysOnly.contains("Source 'a' declares signing keys but no <signature>"), keysOnly);
        String noKeys = assertThrows(FirmwareException.class, () -> SourceSpec.builder("a").url("https://x/a.tgz")
                .sha256("a".repeat(64)).signature("https://x/a.tgz.asc").build()).getMessage();
        assertTrue(noKeys.contains("has a <signature> but no key to check it with"), noKeys);
        String shortId = assertThrows(FirmwareException.class, () -> SourceSpec.builder("a").url("https://x/a.tgz")
                .sha256("a".repeat(64)).signature("https://x/a.tgz.asc").keyring(Path.of("ring.gpg"))
                .signerFingerprints(List.of("3020450F")).build()).getMessage();
        assertTrue(shortId.contains("<signerFingerprint>3020450F</signerFingerprint> is not a full key fingerprint"),
                shortId);
        String unpinned = assertThrows(FirmwareException.class, () -> SourceSpec.builder("a").url("https://x/a.tgz")
                .unverified(true).signature("https://x/a.tgz.asc").signingKeys(List.of(Path.of("k.asc"))).build())
                .getMessage();
        assertTrue(unpinned.contains("<signature> needs a pinned <sha256> or <sha512> too"), unpinned);
        String covers = assertThrows(FirmwareException.class, () -> SourceSpec.builder("a").url("https://x/a.tgz")
                .sha256("a".repeat(64)).signatureCovers("tar").build()).getMessage();
        assertTrue(covers.contains("<signatureCovers>tar</signatureCovers> is not 'archive'"), covers);
    }
}
