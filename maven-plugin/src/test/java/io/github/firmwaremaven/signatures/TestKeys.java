package io.github.firmwaremaven.signatures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * OpenPGP keys made by the test (Ed25519, fast to generate) with chosen creation and expiry times,
 * and detached signatures by them with a chosen hash and time: what a real upstream's gpg makes.
 */
public final class TestKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PGPKeyPair pair;
    private PGPPublicKey pub;
    /** A signing subkey, when {@link #withSigningSubkey} made one: it then signs the data. */
    private PGPKeyPair sub;
    private PGPPublicKey subPub;

    private TestKeys(PGPKeyPair pair, PGPPublicKey pub) {
        this.pair = pair;
        this.pub = pub;
    }

    /** A key created now, not expiring. */
    public static TestKeys create(String user) throws PGPException {
        return create(user, Instant.now().minusSeconds(60), null);
    }

    /** A key created at {@code created}, expiring after {@code validFor} (null: never). */
    public static TestKeys create(String user, Instant created, Duration validFor) throws PGPException {
        Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
        gen.init(new Ed25519KeyGenerationParameters(RANDOM));
        PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, gen.generateKeyPair(),
                Date.from(created));
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(created));
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        if (validFor != null) {
            hashed.setKeyExpirationTime(false, validFor.toSeconds());
        }
        PGPSignatureGenerator g = generator(pair, HashAlgorithmTags.SHA256);
        g.init(PGPSignature.POSITIVE_CERTIFICATION, pair.getPrivateKey());
        g.setHashedSubpackets(hashed.generate());
        PGPSignature self = g.generateCertification(user, pair.getPublicKey());
        return new TestKeys(pair, PGPPublicKey.addCertification(pair.getPublicKey(), user, self));
    }

    private static PGPSignatureGenerator generator(PGPKeyPair pair, int hash) {
        return new PGPSignatureGenerator(new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, hash),
                pair.getPublicKey());
    }

    /**
     * Gives the key a signing subkey bound by the primary key (expiring after {@code validFor}, null:
     * never), as upstream keys often have; data signatures are then made by the subkey.
     */
    public TestKeys withSigningSubkey(Duration validFor) throws PGPException {
        return withSubkey(validFor, KeyFlags.SIGN_DATA, this);
    }

    /** A subkey with the given key flags, its binding made by {@code boundBy} (not this key: a forged binding). */
    public TestKeys withSubkey(Duration validFor, int flags, TestKeys boundBy) throws PGPException {
        Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
        gen.init(new Ed25519KeyGenerationParameters(RANDOM));
        Date created = new Date(System.currentTimeMillis() - 30_000);
        PGPKeyPair s = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, gen.generateKeyPair(), created);
        // The subkey packet: the same key material under the subkey tag.
        PGPPublicKey asSub = new PGPPublicKey(new org.bouncycastle.bcpg.PublicSubkeyPacket(s.getPublicKey()
                .getAlgorithm(), created, s.getPublicKey().getPublicKeyPacket().getKey()),
                new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, created);
        hashed.setKeyFlags(false, flags);
        if (validFor != null) {
            hashed.setKeyExpirationTime(false, validFor.toSeconds());
        }
        PGPSignatureGenerator g = generator(boundBy.pair, HashAlgorithmTags.SHA256);
        g.init(PGPSignature.SUBKEY_BINDING, boundBy.pair.getPrivateKey());
        g.setHashedSubpackets(hashed.generate());
        subPub = PGPPublicKey.addCertification(asSub, g.generateCertification(pub, asSub));
        sub = s;
        return this;
    }

    /** Revokes the subkey, signed by the primary key. */
    public TestKeys revokeSubkey() throws PGPException {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        PGPSignatureGenerator g = generator(pair, HashAlgorithmTags.SHA256);
        g.init(PGPSignature.SUBKEY_REVOCATION, pair.getPrivateKey());
        g.setHashedSubpackets(hashed.generate());
        subPub = PGPPublicKey.addCertification(subPub, g.generateCertification(pub, subPub));
        return this;
    }

    public String subkeyId() {
        return TrustedKeys.keyId(subPub.getKeyID());
    }

    public String subkeyFingerprint() {
        return TrustedKeys.hex(subPub.getFingerprint());
    }

    /** Adds a revocation of this key made by {@code by} (itself for a real revocation). */
    public TestKeys revokedBy(TestKeys by) throws PGPException {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, new Date());
        PGPSignatureGenerator g = generator(by.pair, HashAlgorithmTags.SHA256);
        g.init(PGPSignature.KEY_REVOCATION, by.pair.getPrivateKey());
        g.setHashedSubpackets(hashed.generate());
        pub = PGPPublicKey.addCertification(pub, g.generateCertification(pub));
        return this;
    }

    public String fingerprint() {
        return TrustedKeys.hex(pub.getFingerprint());
    }

    public String keyId() {
        return TrustedKeys.keyId(pub.getKeyID());
    }

    /** The public key, armored as gpg --armor --export writes it. */
    public byte[] armoredPublicKey() throws IOException {
        return armored(new PGPPublicKeyRing(subPub == null ? List.of(pub) : List.of(pub, subPub)).getEncoded());
    }

    public Path writePublicKey(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, armoredPublicKey());
    }

    /** A detached binary-document signature of {@code data}, SHA-256, made now. */
    public byte[] sign(byte[] data) throws PGPException, IOException {
        return sign(data, HashAlgorithmTags.SHA256, Instant.now());
    }

    public byte[] sign(byte[] data, int hash, Instant when) throws PGPException, IOException {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(when));
        PGPKeyPair signer = sub != null ? sub : pair;
        hashed.setIssuerFingerprint(false, sub != null ? subPub : pub);
        PGPSignatureGenerator g = generator(signer, hash);
        g.init(PGPSignature.BINARY_DOCUMENT, signer.getPrivateKey());
        g.setHashedSubpackets(hashed.generate());
        g.update(data);
        return armored(g.generate().getEncoded());
    }

    /** The packets of an armored block, as gpg --dearmor gives them. */
    public static byte[] dearmored(byte[] armored) throws IOException {
        try (java.io.InputStream in = org.bouncycastle.openpgp.PGPUtil.getDecoderStream(
                new java.io.ByteArrayInputStream(armored))) {
            return in.readAllBytes();
        }
    }

    public static byte[] armored(byte[] encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = new ArmoredOutputStream(out)) {
            a.write(encoded);
        }
        return out.toByteArray();
    }
}
