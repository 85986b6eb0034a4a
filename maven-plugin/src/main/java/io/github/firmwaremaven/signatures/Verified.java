package io.github.firmwaremaven.signatures;

import java.time.Instant;

/**
 * A signature that verified.
 *
 * @param signer fingerprint of the signer's primary key (upper-case hex), what the SBOM records
 * @param signingKey fingerprint of the key that made the signature (the primary key or a subkey)
 * @param keyId the 16-hex-digit key id the signature names
 * @param hash the hash algorithm of the signature, e.g. SHA256
 * @param created when the signature was made
 */
public record Verified(String signer, String signingKey, String keyId, String hash, Instant created) {
    public boolean sha1() {
        return "SHA1".equals(hash);
    }
}
