package io.github.firmwaremaven.signatures;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signature policy, each rule with a key the test makes. */
class SignatureVerifierTest {
    static final Duration YEAR = Duration.ofDays(365);
    static TestKeys upstream;
    static TestKeys stranger;

    @TempDir
    Path tmp;

    final SignatureVerifier verifier = new SignatureVerifier();
    final byte[] data = "the upstream's release tarball\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void keys() throws Exception {
        upstream = TestKeys.create("Upstream <release@upstream.example>");
        stranger = TestKeys.create("Stranger <x@elsewhere.example>");
    }

    Path file(String name, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve(name), bytes);
    }

    TrustedKeys allow(TestKeys... keys) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (TestKeys k : keys) {
            files.add(k.writePublicKey(tmp.resolve("keys/" + k.keyId() + ".asc")));
        }
        return TrustedKeys.load("demo", files, null, List.of());
    }

    /** Verifies {@code archive}, as demo.tar.gz, against {@code signature}, as demo.tar.gz.asc. */
    Verified verify(byte[] archive, byte[] signature, TrustedKeys keys) throws Exception {
        return verifier.verify("demo", file("demo.tar.gz", archive), SignedContent.ARCHIVE,
                file("demo.tar.gz.asc", signature), keys, Instant.now());
    }

    /** Why {@link #verify} refuses this archive and signature. */
    String refusal(byte[] archive, byte[] signature, TrustedKeys keys) {
        return assertThrows(FirmwareException.class, () -> verify(archive, signature, keys)).getMessage();
    }

    /** {@code key}'s signature of {@link #data}, made before {@code revoker} signed a revocation of {@code key}. */
    byte[] signThenRevoke(TestKeys key, TestKeys revoker) throws Exception {
        byte[] signature = key.sign(data);
        key.revokedBy(revoker);
        return signature;
    }

    @Test
    void aGoodSignatureByAnAllowedKeyVerifiesAndNamesTheSigner() throws Exception {
        Verified v = verify(data, upstream.sign(data), allow(upstream));
        assertEquals(upstream.fingerprint(), v.signer());
        assertEquals(upstream.keyId(), v.keyId());
        assertEquals("SHA256", v.hash());
        assertFalse(v.sha1());
    }

    @Test
    void aTamperedFileFailsNamingTheSourceTheKeyAndTheFile() throws Exception {
        byte[] sig = upstream.sign(data);
        byte[] tampered = data.clone();
        tampered[100] ^= 1;
        String m = refusal(tampered, sig, allow(upstream));
        assertTrue(m.startsWith("Source 'demo': BAD SIGNATURE: "), m);
        assertContainsAll(m, upstream.keyId(), tmp.resolve("demo.tar.gz.asc").toString(), "demo.tar.gz");
    }

    @Test
    void aSignatureByAKeyNotListedFailsNamingThatKey() throws Exception {
        // The signer, and the allowed keys.
        assertContainsAll(refusal(data, stranger.sign(data), allow(upstream)),
                "made by key " + stranger.keyId() + ", which is not one of the keys", upstream.keyId());
    }

    @Test
    void oneGoodSignatureAmongSeveralIsEnough() throws Exception {
        // One armored block with two signature packets, as gpg -u A -u B --detach-sign writes.
        byte[] both = TestKeys.armored(concat(TestKeys.dearmored(stranger.sign(data)),
                TestKeys.dearmored(upstream.sign(data))));
        assertEquals(upstream.fingerprint(), verify(data, both, allow(upstream)).signer());
        // And two armored signatures joined with cat.
        byte[] joined = concat(stranger.sign(data), upstream.sign(data));
        assertEquals(upstream.fingerprint(), verify(data, joined, allow(upstream)).signer());
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        TestKeys old = TestKeys.create("Old <old@upstream.example>", Instant.now().minus(YEAR.multipliedBy(2)), YEAR);
        // Made while the key was valid; the key has expired since.
        byte[] sig = old.sign(data, HashAlgorithmTags.SHA256, Instant.now().minus(YEAR.multipliedBy(2)).plus(YEAR
                .dividedBy(2)));
        assertContainsAll(refusal(data, sig, allow(old)), "key " + old.keyId() + " EXPIRED on ");
    }

    @Test
    void aKeyThatHasNotExpiredYetIsAccepted() throws Exception {
        TestKeys k = TestKeys.create("Fresh <f@upstream.example>", Instant.now().minus(YEAR), YEAR.multipliedBy(2));
        assertEquals(k.fingerprint(), verify(data, k.sign(data), allow(k)).signer());
    }

    @Test
    void aSignatureMadeAfterTheKeyExpiredIsRefused() throws Exception {
        TestKeys old = TestKeys.create("Old <old@upstream.example>", Instant.now().minus(YEAR.multipliedBy(3)), YEAR);
        byte[] sig = old.sign(data, HashAlgorithmTags.SHA256, Instant.now().minus(YEAR));
        assertContainsAll(refusal(data, sig, allow(old)), "after key " + old.keyId() + " expired");
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        TestKeys k = TestKeys.create("Leaked <l@upstream.example>");
        assertContainsAll(refusal(data, signThenRevoke(k, k), allow(k)), "key " + k.keyId() + " is REVOKED");
    }

    @Test
    void aRevocationNotMadeByTheKeyItselfDoesNotCount() throws Exception {
        TestKeys k = TestKeys.create("Target <t@upstream.example>");
        assertEquals(k.fingerprint(), verify(data, signThenRevoke(k, stranger), allow(k)).signer());
    }

    @Test
    void aSigningSubkeyIsTrustedThroughItsPrimaryKeyAndRecordedAsIt() throws Exception {
        TestKeys k = TestKeys.create("Sub <s@upstream.example>").withSigningSubkey(null);
        Verified v = verify(data, k.sign(data), allow(k));
        assertEquals(k.fingerprint(), v.signer(), "the SBOM names the primary key");
        assertEquals(k.subkeyFingerprint(), v.signingKey());
        assertEquals(k.subkeyId(), v.keyId());
        // Listing the primary key's fingerprint in a keyring allows its subkeys.
        Path ring = k.writePublicKey(tmp.resolve("ring.asc"));
        assertEquals(k.fingerprint(), verify(data, k.sign(data),
                TrustedKeys.load("demo", List.of(), ring, List.of(k.fingerprint()))).signer());
    }

    @Test
    void aRevokedOrExpiredSubkeyIsRefused() throws Exception {
        TestKeys revoked = TestKeys.create("Sub <s@upstream.example>").withSigningSubkey(null);
        byte[] sig = revoked.sign(data);
        revoked.revokeSubkey();
        assertContainsAll(refusal(data, sig, allow(revoked)), "key " + revoked.subkeyId() + " is REVOKED");

        TestKeys expired = TestKeys.create("Sub <s@upstream.example>").withSigningSubkey(Duration.ofSeconds(10));
        byte[] early = expired.sign(data, HashAlgorithmTags.SHA256, Instant.now().minusSeconds(25)); // the subkey is 30 s old
        assertContainsAll(refusal(data, early, allow(expired)), "key " + expired.subkeyId() + " EXPIRED on ");
    }

    @Test
    void aSubkeyTheKeyDidNotBindForSigningCannotSignForIt() throws Exception {
        // Someone appends their own subkey to the upstream's key, binding it with their key.
        TestKeys forged = TestKeys.create("Up <u@upstream.example>")
                .withSubkey(null, org.bouncycastle.bcpg.sig.KeyFlags.SIGN_DATA, stranger);
        assertContainsAll(refusal(data, forged.sign(data), allow(forged)),
                "key " + forged.subkeyId() + " is a subkey without a valid binding signature for signing");
        // An encryption subkey is bound, but not for signing.
        TestKeys encryptOnly = TestKeys.create("Up <u@upstream.example>");
        encryptOnly.withSubkey(null, org.bouncycastle.bcpg.sig.KeyFlags.ENCRYPT_STORAGE
                | org.bouncycastle.bcpg.sig.KeyFlags.ENCRYPT_COMMS, encryptOnly);
        assertContainsAll(refusal(data, encryptOnly.sign(data), allow(encryptOnly)),
                "is a subkey without a valid binding signature for signing");
    }

    @Test
    void sha1IsAcceptedAndFlagged() throws Exception {
        Verified v = verify(data, upstream.sign(data, HashAlgorithmTags.SHA1, Instant.now()),
                allow(upstream));
        assertEquals("SHA1", v.hash());
        assertTrue(v.sha1());
    }

    @Test
    void md5IsRefused() throws Exception {
        byte[] sig = upstream.sign(data, HashAlgorithmTags.MD5, Instant.now());
        assertContainsAll(refusal(data, sig, allow(upstream)), "uses MD5, which is broken");
    }

    @Test
    void aSignatureOfTheUncompressedTarVerifiesOnlyWhenDeclaredSo() throws Exception {
        // kernel.org signs linux-x.y.tar; the download is linux-x.y.tar.gz (or .xz).
        byte[] tar = data;
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        Path archive = file("linux-6.1.tar.gz", gz.toByteArray());
        Path sign = file("linux-6.1.tar.sign", upstream.sign(tar));
        TrustedKeys keys = allow(upstream);
        Verified v = verifier.verify("linux", archive, SignedContent.UNCOMPRESSED, sign, keys, Instant.now());
        assertEquals(upstream.fingerprint(), v.signer());
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> verifier.verify("linux", archive, SignedContent.ARCHIVE, sign, keys, Instant.now()));
        assertTrue(e.getMessage().contains("<signatureCovers>uncompressed</signatureCovers>"), e.getMessage());
        // And the other way round: a signature of the compressed file is not one of its content.
        Path sig = file("linux-6.1.tar.gz.sig", upstream.sign(gz.toByteArray()));
        assertEquals(upstream.fingerprint(),
                verifier.verify("linux", archive, SignedContent.ARCHIVE, sig, keys, Instant.now()).signer());
        assertThrows(FirmwareException.class,
                () -> verifier.verify("linux", archive, SignedContent.UNCOMPRESSED, sig, keys, Instant.now()));
    }

    @Test
    void theUncompressedModeReadsXzAsKernelOrgPublishesIt() throws Exception {
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (org.tukaani.xz.XZOutputStream out = new org.tukaani.xz.XZOutputStream(xz, new org.tukaani.xz.LZMA2Options())) {
            out.write(data);
        }
        Path archive = file("linux-6.1.tar.xz", xz.toByteArray());
        Path sign = file("linux-6.1.tar.sign", upstream.sign(data));
        assertEquals(upstream.fingerprint(), verifier.verify("linux", archive, SignedContent.UNCOMPRESSED, sign,
                allow(upstream), Instant.now()).signer());
        // A file that is not compressed at all cannot be "uncompressed": said so, not a bad signature.
        FirmwareException e = assertThrows(FirmwareException.class, () -> verifier.verify("linux",
                file("linux-6.1.tar", data), SignedContent.UNCOMPRESSED, sign, allow(upstream), Instant.now()));
        assertTrue(e.getMessage().contains("is not compressed with gzip, xz, bzip2 or zstd"), e.getMessage());
    }

    @Test
    void aKeyringAllowsOnlyTheListedFingerprints() throws Exception {
        // Two armored blocks one after the other, as Debian's signing-key.asc files often are; the allowed key is the second.
        Path keyring = file("keyring.asc", concat(stranger.armoredPublicKey(), upstream.armoredPublicKey()));
        // As gpg prints it: groups of four with spaces.
        String spaced = upstream.fingerprint().replaceAll("(.{4})", "$1 ").trim();
        TrustedKeys keys = TrustedKeys.load("demo", List.of(), keyring, List.of(spaced));
        assertEquals(upstream.fingerprint(), verify(data, upstream.sign(data), keys).signer());
        assertContainsAll(refusal(data, stranger.sign(data), keys), stranger.keyId());
        String absent = "0123456789ABCDEF0123456789ABCDEF01234567";
        FirmwareException missing = assertThrows(FirmwareException.class,
                () -> TrustedKeys.load("demo", List.of(), keyring, List.of(absent)));
        assertTrue(missing.getMessage().contains(absent + " is not a key of the <keyring> " + keyring),
                missing.getMessage());
    }

    @Test
    void filesThatAreNotKeysOrSignaturesAreNamed() throws Exception {
        Path notAKey = file("musl.asc", "<html>404</html>".getBytes(StandardCharsets.UTF_8));
        FirmwareException k = assertThrows(FirmwareException.class,
                () -> TrustedKeys.load("musl", List.of(notAKey), null, List.of()));
        assertTrue(k.getMessage().contains("<signingKeys><signingKey>" + notAKey), k.getMessage());
        String s = refusal(data, "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8), allow(upstream));
        assertTrue(s.contains("is not an OpenPGP signature") || s.contains("holds no signature"), s);
    }

    @Test
    void aStampedVerificationIsStillRefusedOnceTheKeyIsRevoked() throws Exception {
        TestKeys k = TestKeys.create("Later <later@upstream.example>");
        Verified v = verify(data, k.sign(data), allow(k));
        assertNull(verifier.keyRefusal("demo", allow(k), v.keyId(), v.created(), Instant.now()));
        k.revokedBy(k);
        String refused = verifier.keyRefusal("demo", allow(k), v.keyId(), v.created(), Instant.now());
        assertTrue(refused != null && refused.contains("REVOKED"), refused);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
