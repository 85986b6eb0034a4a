package io.github.firmwaremaven.signatures;

import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/**
 * The keys a source allows to sign it: every key of the armored key files the board holds, and the
 * keys of a keyring file chosen by fingerprint. A listed fingerprint of a primary key allows the
 * primary key and its subkeys; one of a subkey allows that subkey only.
 */
public final class TrustedKeys {
    /** A key that may sign, with the primary key it belongs to (itself for a primary key). */
    record Allowed(PGPPublicKey key, PGPPublicKey primary) {}

    private final Map<Long, Allowed> byKeyId;
    private final String identity;

    private TrustedKeys(Map<Long, Allowed> byKeyId, String identity) {
        this.byKeyId = byKeyId;
        this.identity = identity;
    }

    /**
     * @param source the source's name, for messages
     * @param keyFiles armored (or binary) public key files; every key in them is allowed
     * @param keyring a keyring file, or null
     * @param fingerprints the fingerprints of the keyring's keys that are allowed
     */
    public static TrustedKeys load(String source, List<Path> keyFiles, Path keyring, List<String> fingerprints)
            throws FirmwareException {
        Map<Long, Allowed> allowed = new LinkedHashMap<>();
        StringBuilder identity = new StringBuilder();
        for (Path f : keyFiles) {
            PGPPublicKeyRingCollection rings = read(source, "<signingKeys><signingKey>", f);
            if (!rings.getKeyRings().hasNext()) {
                throw new FirmwareException("Source '" + source + "': <signingKeys><signingKey>" + f
                        + " holds no OpenPGP public key; export one with gpg --armor --export FINGERPRINT");
            }
            for (PGPPublicKeyRing ring : rings) {
                for (PGPPublicKey k : ring) {
                    allowed.put(k.getKeyID(), new Allowed(k, ring.getPublicKey()));
                }
            }
            identity.append("file ").append(f).append(' ').append(digest(f)).append('\n');
        }
        if (keyring != null) {
            PGPPublicKeyRingCollection rings = read(source, "<keyring>", keyring);
            for (String wanted : fingerprints) {
                String fp = normalise(wanted);
                boolean found = false;
                for (PGPPublicKeyRing ring : rings) {
                    for (PGPPublicKey k : ring) {
                        if (!hex(k.getFingerprint()).equals(fp)) {
                            continue;
                        }
                        found = true;
                        if (k.isMasterKey()) {
                            for (PGPPublicKey sub : ring) {
                                allowed.put(sub.getKeyID(), new Allowed(sub, k));
                            }
                        } else {
                            allowed.put(k.getKeyID(), new Allowed(k, ring.getPublicKey()));
                        }
                    }
                }
                if (!found) {
                    throw new FirmwareException("Source '" + source + "': <signerFingerprints><signerFingerprint>"
                            + wanted + " is not a key of the <keyring> " + keyring + "; import the key into it "
                            + "or correct the fingerprint");
                }
                identity.append("fingerprint ").append(fp).append('\n');
            }
            identity.append("keyring ").append(keyring).append(' ').append(digest(keyring)).append('\n');
        }
        return new TrustedKeys(allowed, Digests.sha256(identity.toString()));
    }

    /** Upper-case hex without spaces; what users paste from gpg comes with spaces. */
    public static String normalise(String fingerprint) {
        return fingerprint.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    static String hex(byte[] bytes) {
        return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
    }

    static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

    Allowed get(long keyId) {
        return byKeyId.get(keyId);
    }

    /** Changes whenever the allowed key material changes (a stamp of a past verification then lapses). */
    public String identity() {
        return identity;
    }

    /** The key ids allowed, for messages. */
    List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        for (Iterator<Long> i = byKeyId.keySet().iterator(); i.hasNext();) {
            ids.add(keyId(i.next()));
        }
        return ids;
    }

    private static PGPPublicKeyRingCollection read(String source, String element, Path file)
            throws FirmwareException {
        if (!Files.isRegularFile(file)) {
            throw new FirmwareException("Source '" + source + "': " + element + file + " does not exist");
        }
        try {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            for (InputStream in : Armor.packets(Files.readAllBytes(file))) {
                new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(rings::add);
            }
            return new PGPPublicKeyRingCollection(rings);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new FirmwareException("Source '" + source + "': " + element + file + " is not an OpenPGP public "
                    + "key file (" + e.getMessage() + "); use the output of gpg --armor --export FINGERPRINT "
                    + "(a GnuPG 2 pubring.kbx is not one: export from it)", e);
        }
    }

    private static String digest(Path f) throws FirmwareException {
        try {
            return Digests.sha256(f);
        } catch (IOException e) {
            throw new FirmwareException("Cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
