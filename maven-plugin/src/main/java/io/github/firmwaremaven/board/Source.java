package io.github.firmwaremaven.board;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <source>} of the plugin configuration, as Maven injects it. Plain fields only; turned
 * into the core's {@code SourceSpec} by {@link Board#sourceSpecs}.
 */
public class Source {
    /** Referenced by later goals and by the overrides file. */
    String name;
    /** The upstream version, recorded in the SBOM and legal-info; a label only (the digest pins the file). */
    String version;
    /** archive (default), file or git. */
    String kind;
    /** A single URL; {@code <urls>} for several. */
    String url;
    /** More URLs of the same file, tried in order after {@code <url>}. */
    List<String> urls = new ArrayList<>();
    /** The file's name in the download cache and on mirrors; by default the last part of the first URL. */
    String fileName;
    /** The SHA-256 digest of the file, in hex: every download is checked against it. */
    String sha256;
    /** The SHA-512 digest of the file, in hex, instead of {@code sha256}. */
    String sha512;
    /** Must be said explicitly to go without a digest. */
    boolean unverified;
    /** The SPDX license expression of the source, e.g. GPL-2.0-only, for the SBOM and legal-info. */
    String license;
    /** The settings.xml server whose credentials apply to this source's URLs. */
    String serverId;
    /** A member of the archive that is the real archive (or file). */
    String member;
    /** Another source whose tree this one goes into, at {@code intoPath}. */
    String into;
    /** The directory, relative to the other source's tree, this one is placed in; by default its top. */
    String intoPath;
    /** For git sources: the full commit id. */
    String commit;
    /** A directory used instead of the declared source (like Buildroot's OVERRIDE_SRCDIR). */
    File localOverride;
    /**
     * URL of the upstream's detached OpenPGP signature of the downloaded file ({@code .asc}, {@code .sig},
     * {@code .sign}). Checked after the pinned digest and before extraction; needs signing keys.
     */
    String signature;
    /** {@code <signingKey>} files (armored public keys, usually in the board); every key in them may sign. */
    List<File> signingKeys = new ArrayList<>();
    /** A keyring file (armored or binary, as gpg --export writes); {@code signerFingerprints} choose its keys. */
    File keyring;
    /** {@code <signerFingerprint>}: full fingerprints of the keyring's keys that may sign this source. */
    List<String> signerFingerprints = new ArrayList<>();
    /**
     * {@code archive} (default): the signature covers the downloaded file, as GNU's and busybox's; or
     * {@code uncompressed}: it covers the decompressed tar, as kernel.org's {@code .sign}.
     */
    String signatureCovers;
}
