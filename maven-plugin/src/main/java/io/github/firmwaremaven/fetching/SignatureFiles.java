package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.signatures.SignatureVerifier;
import io.github.firmwaremaven.signatures.TrustedKeys;
import io.github.firmwaremaven.signatures.Verified;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Detached signatures of sources: fetched like the sources (mirrors first and last, offline from the
 * cache) into {@code <downloadCache>/v1/signatures/<algorithm>-<pinned digest>/<signature file>} (see {@link CacheLayout}), and
 * checked against the source's keys before anything is extracted.
 *
 * <p>A signature has no pin of its own; the verification is what makes it trustworthy, so a cached
 * signature is verified like a downloaded one. A verification is stamped beside the signature (the
 * signature's digest, the keys' identity and what it covers), so a no-op build does not hash a large
 * archive again; the keys are still checked for revocation and expiry on every build.
 *
 * <p>No credentials are sent for signatures: they are public files, and a server id is bound to the
 * source's own URLs.
 */
public final class SignatureFiles {
    private final FetchOptions options;
    private final BuildLog log;
    private final HttpFetcher http;
    /** Made on first use: BouncyCastle's signed jars cost about 0.2 s to open, which a board without
     *  signatures must not pay on every build. */
    private SignatureVerifier verifier;

    public SignatureFiles(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
        this.http = new HttpFetcher(options, log);
    }

    /** Where the signature of {@code spec} is kept; only for sources with a signature. */
    public Path location(SourceSpec spec) {
        return new CacheLayout(options.downloadCache()).signature(spec);
    }

    /** The URLs to try, in order: primary mirror, the declared one (unless mirror-only), backup mirror. */
    public List<String> candidates(SourceSpec spec) {
        List<String> urls = new ArrayList<>();
        if (options.primaryMirror() != null) {
            urls.add(options.primaryMirror() + "/" + spec.signatureFileName());
        }
        if (!options.mirrorOnly()) {
            urls.add(spec.signature());
        }
        if (options.backupMirror() != null) {
            urls.add(options.backupMirror() + "/" + spec.signatureFileName());
        }
        return urls;
    }

    /** True if the cache holds the signature file (whether it verifies is checked by {@link #verify}). */
    public boolean cached(SourceSpec spec) {
        return Files.isRegularFile(location(spec));
    }

    /** The signature file, downloading it if the cache lacks it. */
    public Path fetch(SourceSpec spec) throws IOException, FirmwareException, InterruptedException {
        Path file = location(spec);
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (options.offline()) {
            throw new FirmwareException(OfflineReport.message(List.of(new OfflineReport.Missing(spec,
                    candidates(spec), spec.signatureFileName()))));
        }
        Files.createDirectories(file.getParent());
        List<String> tried = new ArrayList<>();
        for (String url : candidates(spec)) {
            // A fresh part per attempt: concurrent builds never share one, and the rename is atomic.
            Path part = Files.createTempFile(file.getParent(), "." + spec.signatureFileName() + "-", ".part");
            try {
                String outcome = attempt(spec, url, part);
                if (outcome == null) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    log.info("Downloaded " + spec.signatureFileName() + " (signature of source '" + spec.name()
                            + "') from " + url);
                    return file;
                }
                tried.add(url + " (" + outcome + ")");
            } finally {
                Files.deleteIfExists(part);
            }
        }
        StringBuilder m = new StringBuilder("Source '").append(spec.name()).append("': could not download its ")
                .append("signature ").append(spec.signatureFileName()).append(" (<signature>")
                .append(spec.signature()).append("</signature>); without it nothing of ").append(spec.fileName())
                .append(" is used.\n  URLs tried:");
        for (String t : tried) {
            m.append("\n    ").append(t);
        }
        m.append("\nCheck the <signature> URL (or the overrides file's ").append(spec.name())
                .append(".signature), or put the signature on the mirror as ").append(spec.signatureFileName());
        throw new FirmwareException(m.toString());
    }

    private String attempt(SourceSpec spec, String url, Path part) throws IOException, InterruptedException {
        long backoff = options.firstBackoff().toMillis();
        String last = null;
        for (int i = 1; i <= options.attemptsPerUrl(); i++) {
            try {
                Files.deleteIfExists(part);
                http.transfer(url, part, null, spec.signatureFileName());
                return null;
            } catch (HttpFetcher.TransferException e) {
                last = e.getMessage();
                if (!e.retryable) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            log.warn(spec.signatureFileName() + " from " + url + ": " + last);
            if (i < options.attemptsPerUrl()) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        return last + " after " + options.attemptsPerUrl() + " attempts";
    }

    /**
     * Verifies the cached signature of {@code spec} over {@code archive} (already checked against its
     * pin); logs the SHA-1 warning. A failure deletes the signature file, so a corrected one is
     * fetched on the next build instead of failing on the old one forever.
     */
    public Verified verify(SourceSpec spec, Path archive) throws IOException, FirmwareException {
        Path sig = location(spec);
        TrustedKeys keys = TrustedKeys.load(spec.name(), spec.signingKeys(), spec.keyring(),
                spec.signerFingerprints());
        Instant now = Instant.now();
        String sigDigest = Digests.sha256(sig);
        Path stamp = sig.resolveSibling(sig.getFileName() + ".verified");
        Properties p = load(stamp);
        Verified v;
        if (sigDigest.equals(p.getProperty("signature")) && keys.identity().equals(p.getProperty("keys"))
                && spec.signatureCovers().name().equals(p.getProperty("covers"))) {
            v = new Verified(p.getProperty("signer"), p.getProperty("signingKey"), p.getProperty("keyId"),
                    p.getProperty("hash"), Instant.parse(p.getProperty("created")));
            String refused = verifier().keyRefusal(spec.name(), keys, v.keyId(), v.created(), now);
            if (refused != null) {
                throw new FirmwareException("Source '" + spec.name() + "': the signature " + sig + " of "
                        + spec.fileName() + " is refused: " + refused);
            }
        } else {
            try {
                v = verifier().verify(spec.name(), archive, spec.signatureCovers(), sig, keys, now);
            } catch (FirmwareException e) {
                Files.deleteIfExists(stamp);
                Files.deleteIfExists(sig);
                throw new FirmwareException(e.getMessage() + "\nNothing of " + spec.fileName() + " was extracted. "
                        + "The signature file was removed from the download cache; the next build fetches it again.",
                        e.getCause());
            }
            p = new Properties();
            p.setProperty("signature", sigDigest);
            p.setProperty("keys", keys.identity());
            p.setProperty("covers", spec.signatureCovers().name());
            p.setProperty("signer", v.signer());
            p.setProperty("signingKey", v.signingKey());
            p.setProperty("keyId", v.keyId());
            p.setProperty("hash", v.hash());
            p.setProperty("created", v.created().toString());
            AtomicFiles.store(stamp, p, "signature verified by firmware-maven-plugin");
        }
        if (v.sha1()) {
            log.warn("Source '" + spec.name() + "': the signature " + spec.signatureFileName() + " by key " + v.keyId()
                    + " uses SHA-1, which is accepted but weak (collisions can be made); ask the upstream to sign "
                    + "with SHA-256 or better");
        }
        log.info("Source '" + spec.name() + "': good signature of " + spec.fileName() + " by " + v.signer()
                + (v.signingKey().equals(v.signer()) ? "" : " (subkey " + v.signingKey() + ")"));
        return v;
    }

    private static Properties load(Path file) throws IOException {
        return AtomicFiles.load(file);
    }

    private synchronized SignatureVerifier verifier() {
        if (verifier == null) {
            verifier = new SignatureVerifier();
        }
        return verifier;
    }
}
