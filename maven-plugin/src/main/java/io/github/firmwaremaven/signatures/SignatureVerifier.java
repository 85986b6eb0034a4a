package io.github.firmwaremaven.signatures;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies a detached OpenPGP signature of a downloaded file against the keys a source allows.
 *
 * <p>Policy: the signature must be a binary-document signature by an allowed key that is neither
 * revoked nor expired now, made while the key was valid (not before its creation, not after its
 * expiry). MD5 and RIPEMD-160 signatures are refused; SHA-1 ones are accepted (musl and other
 * long-lived upstreams still sign with it) and {@link Verified#sha1()} tells the caller to warn.
 * When the file holds several signatures, one good signature by an allowed key is enough.
 */
public final class SignatureVerifier {
    private final BcPGPContentVerifierBuilderProvider verifiers = new BcPGPContentVerifierBuilderProvider();

    /**
     * @param source the source's name, for messages
     * @param data the downloaded file
     * @param covers whether the signature covers the file or its decompressed content
     * @param signature the detached signature file (armored or binary)
     */
    public Verified verify(String source, Path data, SignedContent covers, Path signature, TrustedKeys keys,
            Instant now) throws FirmwareException, IOException {
        List<PGPSignature> all = read(source, signature);
        List<PGPSignature> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (PGPSignature s : all) {
            TrustedKeys.Allowed key = keys.get(s.getKeyID());
            if (key == null) {
                unlisted.add(TrustedKeys.keyId(s.getKeyID()));
                continue;
            }
            String refused = refusal(s, key, now);
            if (refused != null) {
                problems.add(refused);
                continue;
            }
            try {
                s.init(verifiers, key.key());
            } catch (PGPException e) {
                problems.add("key " + TrustedKeys.keyId(s.getKeyID()) + " cannot verify it: " + e.getMessage());
                continue;
            }
            candidates.add(s);
        }
        if (candidates.isEmpty()) {
            String what = source(source) + "the signature " + signature + " of " + data.getFileName();
            if (!problems.isEmpty()) {
                throw new FirmwareException(what + " is refused: " + String.join("; ", problems));
            }
            throw new FirmwareException(what + " is made by key " + String.join(", ", unlisted)
                    + ", which is not one of the keys this source allows (" + String.join(", ", keys.keyIds())
                    + "). If that key truly signs this upstream, add its public key to <signingKeys> "
                    + "(or its fingerprint to <signerFingerprints>) after checking its fingerprint out of band");
        }
        feed(source, data, covers, candidates);
        for (PGPSignature s : candidates) {
            boolean good;
            try {
                good = s.verify();
            } catch (PGPException e) {
                good = false;
            }
            if (good) {
                TrustedKeys.Allowed key = keys.get(s.getKeyID());
                return new Verified(TrustedKeys.hex(key.primary().getFingerprint()),
                        TrustedKeys.hex(key.key().getFingerprint()), TrustedKeys.keyId(s.getKeyID()),
                        hashName(s.getHashAlgorithm()), s.getCreationTime().toInstant());
            }
        }
        List<String> ids = new ArrayList<>();
        candidates.forEach(s -> ids.add(TrustedKeys.keyId(s.getKeyID())));
        throw new FirmwareException(source(source) + "BAD SIGNATURE: " + signature + " (key " + String.join(", ", ids)
                + ") does not match " + data.getFileName() + (covers == SignedContent.UNCOMPRESSED
                        ? " decompressed" : "") + ". The file or the signature was altered, or the signature "
                + "covers the " + (covers == SignedContent.UNCOMPRESSED ? "compressed file (remove "
                        + "<signatureCovers>uncompressed</signatureCovers>)" : "uncompressed tar (set "
                        + "<signatureCovers>uncompressed</signatureCovers>, as for kernel.org's .sign)")
                + ". Do not re-pin to get past this");
    }

    /**
     * Why a key may not be trusted any more (revoked or expired now), or null. Used again when a
     * stamped verification is reused, since time passes and key files change.
     */
    public String keyRefusal(String source, TrustedKeys keys, String signingKeyId, Instant signed, Instant now) {
        TrustedKeys.Allowed a = keys.get(Long.parseUnsignedLong(signingKeyId, 16));
        if (a == null) {
            return "key " + signingKeyId + " is no longer one of the keys source '" + source + "' allows";
        }
        return validity(a, signed, now);
    }

    private String refusal(PGPSignature s, TrustedKeys.Allowed key, Instant now) {
        String id = "key " + TrustedKeys.keyId(s.getKeyID());
        if (s.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
            return "signature type " + s.getSignatureType() + " by " + id + " is not a binary-document signature";
        }
        int h = s.getHashAlgorithm();
        if (h == HashAlgorithmTags.MD5 || h == HashAlgorithmTags.MD2 || h == HashAlgorithmTags.RIPEMD160) {
            return "the signature by " + id + " uses " + hashName(h) + ", which is broken";
        }
        return validity(key, s.getCreationTime().toInstant(), now);
    }

    /** Null if the key (and its primary key) is unrevoked and unexpired now and was valid when it signed. */
    private String validity(TrustedKeys.Allowed a, Instant signed, Instant now) {
        String id = "key " + TrustedKeys.keyId(a.key().getKeyID());
        if (revoked(a)) {
            return id + " is REVOKED" + (a.key() == a.primary() ? "" : " (or its primary key is)");
        }
        if (a.key() != a.primary() && !boundForSigning(a)) {
            return id + " is a subkey without a valid binding signature for signing by its primary key "
                    + TrustedKeys.keyId(a.primary().getKeyID());
        }
        for (PGPPublicKey k : a.key() == a.primary() ? List.of(a.key()) : List.of(a.key(), a.primary())) {
            Instant created = k.getCreationTime().toInstant();
            long valid = k.getValidSeconds();
            String which = k == a.key() ? id : id + "'s primary key " + TrustedKeys.keyId(k.getKeyID());
            if (signed.isBefore(created)) {
                return "the signature is dated " + signed + ", before " + which + " was created (" + created + ")";
            }
            if (valid > 0) {
                Instant expiry = created.plusSeconds(valid);
                if (signed.isAfter(expiry)) {
                    return "the signature was made " + signed + ", after " + which + " expired (" + expiry + ")";
                }
                if (now.isAfter(expiry)) {
                    return which + " EXPIRED on " + expiry + "; get the upstream's current key (an extended "
                            + "expiry date is a new self-signature: export the key again)";
                }
            }
        }
        return null;
    }

    /** A revocation counts only if it verifies with the primary key: anyone could append a fake one. */
    private boolean revoked(TrustedKeys.Allowed a) {
        if (verifiedRevocation(a.primary(), a.primary(), PGPSignature.KEY_REVOCATION)) {
            return true;
        }
        return a.key() != a.primary() && verifiedRevocation(a.key(), a.primary(), PGPSignature.SUBKEY_REVOCATION);
    }

    /** A subkey signs for its primary key only if the primary key bound it, and not as an encryption-only key. */
    private boolean boundForSigning(TrustedKeys.Allowed a) {
        for (Iterator<PGPSignature> i = a.key().getSignaturesOfType(PGPSignature.SUBKEY_BINDING); i.hasNext();) {
            PGPSignature binding = i.next();
            try {
                binding.init(verifiers, a.primary());
                if (!binding.verifyCertification(a.primary(), a.key())) {
                    continue;
                }
            } catch (PGPException e) {
                continue;
            }
            int flags = binding.getHashedSubPackets() == null ? 0 : binding.getHashedSubPackets().getKeyFlags();
            if (flags == 0 || (flags & KeyFlags.SIGN_DATA) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean verifiedRevocation(PGPPublicKey key, PGPPublicKey primary, int type) {
        for (Iterator<PGPSignature> i = key.getSignaturesOfType(type); i.hasNext();) {
            PGPSignature rev = i.next();
            try {
                rev.init(verifiers, primary);
                boolean ok = type == PGPSignature.KEY_REVOCATION ? rev.verifyCertification(key)
                        : rev.verifyCertification(primary, key);
                if (ok) {
                    return true;
                }
            } catch (PGPException e) {
                // A revocation that does not verify is not one.
            }
        }
        return false;
    }

    private static void feed(String source, Path data, SignedContent covers, List<PGPSignature> sigs)
            throws IOException, FirmwareException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(data), 1 << 16);
                InputStream in = covers == SignedContent.UNCOMPRESSED ? decompressed(source, data, raw) : raw) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (PGPSignature s : sigs) {
                    s.update(buf, 0, n);
                }
            }
        }
    }

    private static InputStream decompressed(String source, Path data, InputStream raw) throws FirmwareException {
        try {
            // By content: .gz, .xz, .bz2 and .zst are told apart by their magic bytes.
            return new CompressorStreamFactory(true).createCompressorInputStream(raw);
        } catch (CompressorException e) {
            throw new FirmwareException(source(source) + "<signatureCovers>uncompressed</signatureCovers>, but "
                    + data.getFileName() + " is not compressed with gzip, xz, bzip2 or zstd (" + e.getMessage()
                    + "); use <signatureCovers>archive</signatureCovers>", e);
        }
    }

    private static List<PGPSignature> read(String source, Path signature) throws FirmwareException, IOException {
        List<PGPSignature> result = new ArrayList<>();
        try {
            for (InputStream in : Armor.packets(Files.readAllBytes(signature))) {
                BcPGPObjectFactory f = new BcPGPObjectFactory(in);
                Object o;
                while ((o = f.nextObject()) != null) {
                    if (o instanceof PGPCompressedData c) {
                        f = new BcPGPObjectFactory(c.getDataStream());
                    } else if (o instanceof PGPSignatureList list) {
                        list.forEach(result::add);
                    } else {
                        throw new FirmwareException(source(source) + signature + " holds a "
                                + o.getClass().getSimpleName() + ", not a detached signature");
                    }
                }
            }
        } catch (PGPException | RuntimeException e) {
            throw new FirmwareException(source(source) + signature + " is not an OpenPGP signature ("
                    + e.getMessage() + "); check the <signature> URL", e);
        } catch (IOException e) {
            if (Files.isRegularFile(signature) && Files.isReadable(signature)) {
                throw new FirmwareException(source(source) + signature + " is not an OpenPGP signature ("
                        + e.getMessage() + "); check the <signature> URL", e);
            }
            throw e;
        }
        if (result.isEmpty()) {
            throw new FirmwareException(source(source) + signature + " holds no signature; check the <signature> URL");
        }
        return result;
    }

    private static String hashName(int algorithm) {
        try {
            return PGPUtil.getDigestName(algorithm);
        } catch (PGPException e) {
            return "hash#" + algorithm;
        }
    }

    private static String source(String name) {
        return "Source '" + name + "': ";
    }
}
