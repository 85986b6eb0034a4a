package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.archives.ArchiveExtractor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.firmwaremaven.signatures.SignatureVerifier;
import io.github.firmwaremaven.signatures.SignedContent;
import io.github.firmwaremaven.signatures.TrustedKeys;
import io.github.firmwaremaven.signatures.Verified;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.testsupport.TestMirror;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * musl's real upstream signature with musl's real key, both as Debian ships them (the .asc next to
 * the orig tarball, the key in debian/upstream/signing-key.asc), from the local mirror that
 * it/fill-mirror.sh fills. Missing mirror files fail the test with the command to run.
 */
class RealUpstreamSignatureTest {
    /** musl libc &lt;musl@libc.org&gt;, as published on musl.libc.org and in Debian's musl source. */
    static final String MUSL_KEY = "836489290BB6B70F99FFDA0556BCDB593020450F";

    @TempDir
    Path tmp;

    static Properties mirrorOverrides() throws Exception {
        Path file = TestMirror.dir().resolve("overrides.properties");
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing; run it/fill-mirror.sh");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        if (p.getProperty("musl.signature") == null || !Files.isRegularFile(TestMirror.dir().resolve("keys/musl.asc"))) {
            fail("The mirror " + TestMirror.dir() + " lacks musl's signature or key (musl.signature in overrides"
                    + ".properties, keys/musl.asc); run it/fill-mirror.sh again, it now keeps them");
        }
        return p;
    }

    @Test
    void muslsRealSignatureVerifiesWithMuslsRealKeyAndIsSha1() throws Exception {
        Properties o = mirrorOverrides();
        Path archive = Path.of(java.net.URI.create(o.getProperty("musl.url")));
        Path signature = Path.of(java.net.URI.create(o.getProperty("musl.signature")));
        TrustedKeys keys = TrustedKeys.load("musl", List.of(TestMirror.dir().resolve("keys/musl.asc")), null, List.of());
        Verified v = new SignatureVerifier().verify("musl", archive, SignedContent.ARCHIVE, signature, keys,
                Instant.now());
        assertEquals(MUSL_KEY, v.signer());
        assertEquals("56BCDB593020450F", v.keyId());
        // musl still signs with SHA-1: accepted, and the build warns.
        assertEquals("SHA1", v.hash());
        assertTrue(v.sha1());

        // One changed byte of the real tarball and the real signature no longer verifies.
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x20;
        Path tampered = Files.write(tmp.resolve(archive.getFileName()), bytes);
        FirmwareException e = org.junit.jupiter.api.Assertions.assertThrows(FirmwareException.class,
                () -> new SignatureVerifier().verify("musl", tampered, SignedContent.ARCHIVE, signature, keys,
                        Instant.now()));
        assertTrue(e.getMessage().contains("BAD SIGNATURE") && e.getMessage().contains("56BCDB593020450F"),
                e.getMessage());
    }

    @Test
    void aBoardDeclaringMuslsKeyBuildsFromTheMirrorThroughItsOverridesFile() throws Exception {
        mirrorOverrides();
        Path key = TestMirror.dir().resolve("keys/musl.asc");
        // The board's declaration points at upstream; the mirror's overrides file re-pins the file and the signature.
        SourceSpec musl = SourceSpec.builder("musl").version("1.2.3").url("https://musl.libc.org/releases/musl-1.2.3"
                + ".tar.gz").sha256("7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4")
                .signature("https://musl.libc.org/releases/musl-1.2.3.tar.gz.asc").signingKeys(List.of(key)).build();
        List<String> changes = new ArrayList<>();
        List<SourceSpec> specs = Overrides.read(TestMirror.dir().resolve("overrides.properties"))
                .apply(List.of(musl), changes);
        assertTrue(specs.get(0).signature().startsWith("file:"), specs.get(0).signature());
        RecordingLog log = new RecordingLog();
        FetchOptions options = FetchOptions.defaults(tmp.resolve("downloads")).withMirrors(null, null, false);
        new SourcePreparer(options, Fixtures.steps(tmp.resolve("build"), log), List.of(),
                ArchiveExtractor.withHostXz(null), log).fetchAll(specs);
        assertTrue(log.contains("WARN Source 'musl': the signature " + specs.get(0).signatureFileName()
                + " by key 56BCDB593020450F uses SHA-1"), log.text());
        assertTrue(log.contains("Source 'musl': good signature of " + specs.get(0).fileName() + " by " + MUSL_KEY),
                log.text());
    }
}
