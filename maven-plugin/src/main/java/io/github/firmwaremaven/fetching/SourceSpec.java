package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.signatures.SignedContent;
import io.github.firmwaremaven.errors.FirmwareException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pinned source as the board declares it. Immutable; {@link Overrides} makes re-pinned copies.
 * Built with {@link #builder(String)}; {@link Builder#build()} refuses what cannot be fetched safely.
 */
public final class SourceSpec {
    /** How the fetched bytes become part of a tree. */
    public enum Kind {
        /** Extracted, top directory stripped. */
        ARCHIVE,
        /** Placed as-is (a tarball another build system wants to find itself). */
        FILE,
        /** A git commit exported to a tree without .git. */
        GIT;

        static Kind parse(String name, String value) throws FirmwareException {
            if (value == null || value.isBlank()) {
                return ARCHIVE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FirmwareException("Source '" + name + "': <kind>" + value
                        + "</kind> is not one of archive, file, git");
            }
        }
    }

    private final String name;
    private final String version;
    private final Kind kind;
    private final List<String> urls;
    private final String fileName;
    private final Checksum checksum;
    private final boolean unverified;
    private final String license;
    private final String serverId;
    private final String member;
    private final String into;
    private final String intoPath;
    private final String commit;
    private final Path localOverride;
    private final String signature;
    private final String signatureFileName;
    private final List<Path> signingKeys;
    private final Path keyring;
    private final List<String> signerFingerprints;
    private final SignedContent signatureCovers;

    private SourceSpec(Builder b, Kind kind, String fileName, Checksum checksum) {
        this.name = b.name;
        this.version = b.version;
        this.kind = kind;
        this.urls = List.copyOf(b.urls);
        this.fileName = fileName;
        this.checksum = checksum;
        this.unverified = b.unverified;
        this.license = b.license;
        this.serverId = b.serverId;
        this.member = b.member;
        this.into = b.into;
        this.intoPath = b.intoPath;
        this.commit = b.commit;
        this.localOverride = b.localOverride;
        this.signature = b.signature;
        this.signatureFileName = b.signatureFileName;
        this.signingKeys = List.copyOf(b.signingKeys);
        this.keyring = b.keyring;
        this.signerFingerprints = List.copyOf(b.signerFingerprints);
        this.signatureCovers = b.signatureCovers;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this spec's values, for re-pinning. */
    public Builder toBuilder() {
        Builder b = new Builder(name).version(version).kind(kind.name()).fileName(fileName)
                .unverified(unverified).license(license).serverId(serverId).member(member)
                .into(into, intoPath).commit(commit).localOverride(localOverride);
        b.urls.addAll(urls);
        b.signature(signature).signingKeys(signingKeys).keyring(keyring).signerFingerprints(signerFingerprints);
        b.signatureCoversValue = signatureCovers;
        if (checksum != null) {
            b.checksum = checksum;
        }
        return b;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> urls() {
        return urls;
    }

    /** The name in the download cache and on mirrors. */
    public String fileName() {
        return fileName;
    }

    /** Null only for an explicitly unverified source or a git source (pinned by commit). */
    public Checksum checksum() {
        return checksum;
    }

    public boolean unverified() {
        return unverified;
    }

    public String license() {
        return license;
    }

    public String serverId() {
        return serverId;
    }

    /** A member of the archive that is itself the archive to extract (or the file to place). */
    public String member() {
        return member;
    }

    /** The source whose tree this one goes into, or null. */
    public String into() {
        return into;
    }

    /** Path inside the other source's tree: a directory for archives, a directory or file for files. */
    public String intoPath() {
        return intoPath;
    }

    public String commit() {
        return commit;
    }

    public Path localOverride() {
        return localOverride;
    }

    /** The URL of the detached OpenPGP signature of the downloaded file, or null. */
    public String signature() {
        return signature;
    }

    /** The signature's file name (the last part of its URL), also its name on mirrors; null without one. */
    public String signatureFileName() {
        return signatureFileName;
    }

    /** Armored public key files whose every key may sign this source. */
    public List<Path> signingKeys() {
        return signingKeys;
    }

    /** A keyring file holding the keys named by {@link #signerFingerprints()}, or null. */
    public Path keyring() {
        return keyring;
    }

    public List<String> signerFingerprints() {
        return signerFingerprints;
    }

    /** Whether the signature covers the downloaded file or its decompressed content. */
    public SignedContent signatureCovers() {
        return signatureCovers;
    }

    @Override
    public String toString() {
        return name + (version == null ? "" : " " + version);
    }

    public static final class Builder {
        private final String name;
        private String version;
        private String kind;
        private final List<String> urls = new ArrayList<>();
        private final java.util.Map<String, String> urlElements = new java.util.HashMap<>();
        private String fileName;
        private Checksum checksum;
        private String sha256;
        private String sha512;
        private boolean unverified;
        private String license;
        private String serverId;
        private String member;
        private String into;
        private String intoPath;
        private String commit;
        private Path localOverride;
        private String signature;
        private String signatureFileName;
        private final List<Path> signingKeys = new ArrayList<>();
        private Path keyring;
        private final List<String> signerFingerprints = new ArrayList<>();
        private String signatureCoversText;
        private SignedContent signatureCovers;
        private SignedContent signatureCoversValue;

        private Builder(String name) {
            this.name = name;
        }

        public Builder version(String v) {
            version = blankToNull(v);
            return this;
        }

        public Builder kind(String k) {
            kind = k;
            return this;
        }

        public Builder url(String u) {
            if (u != null && !u.isBlank()) {
                urls.add(u.trim());
            }
            return this;
        }

        /** A URL from {@code element} (e.g. {@code <urls><url>}), which an error about it then names. */
        public Builder url(String u, String element) {
            if (u != null && !u.isBlank()) {
                urlElements.putIfAbsent(u.trim(), element);
            }
            return url(u);
        }

        /** Replaces every URL (a re-pin moves the source). */
        public Builder replaceUrls(List<String> us) {
            urls.clear();
            us.forEach(this::url);
            return this;
        }

        public Builder fileName(String f) {
            fileName = blankToNull(f);
            return this;
        }

        public Builder sha256(String s) {
            sha256 = blankToNull(s);
            if (sha256 != null) {
                sha512 = null;
                checksum = null;
            }
            return this;
        }

        public Builder sha512(String s) {
            sha512 = blankToNull(s);
            if (sha512 != null) {
                sha256 = null;
                checksum = null;
            }
            return this;
        }

        public Builder unverified(boolean u) {
            unverified = u;
            return this;
        }

        public Builder license(String l) {
            license = blankToNull(l);
            return this;
        }

        public Builder serverId(String s) {
            serverId = blankToNull(s);
            return this;
        }

        public Builder member(String m) {
            member = blankToNull(m);
            return this;
        }

        public Builder into(String source, String path) {
            into = blankToNull(source);
            intoPath = blankToNull(path);
            return this;
        }

        public Builder commit(String c) {
            commit = blankToNull(c);
            return this;
        }

        public Builder localOverride(Path p) {
            localOverride = p;
            return this;
        }

        public Builder signature(String url) {
            signature = blankToNull(url);
            return this;
        }

        /** Replaces the signing key files. */
        public Builder signingKeys(List<Path> files) {
            signingKeys.clear();
            if (files != null) {
                files.stream().filter(java.util.Objects::nonNull).forEach(signingKeys::add);
            }
            return this;
        }

        public Builder keyring(Path file) {
            keyring = file;
            return this;
        }

        /** Replaces the fingerprints of the keyring's keys that may sign. */
        public Builder signerFingerprints(List<String> fingerprints) {
            signerFingerprints.clear();
            if (fingerprints != null) {
                fingerprints.stream().map(Builder::blankToNull).filter(java.util.Objects::nonNull)
                        .forEach(signerFingerprints::add);
            }
            return this;
        }

        /** {@code archive} (default) or {@code uncompressed}. */
        public Builder signatureCovers(String covers) {
            signatureCoversText = covers;
            signatureCoversValue = null;
            return this;
        }

        /** Checks the signature elements; sets the file name and what it covers. */
        private void checkSignature(String where, Kind k, Checksum c) throws FirmwareException {
            signatureCovers = signatureCoversValue != null ? signatureCoversValue
                    : SignedContent.parse(name, signatureCoversText);
            boolean keys = !signingKeys.isEmpty() || keyring != null || !signerFingerprints.isEmpty();
            if (signature == null) {
                signatureFileName = null;
                if (keys) {
                    throw new FirmwareException(where + " declares signing keys but no <signature> URL of the "
                            + "detached signature to check with them; add <signature>URL</signature>");
                }
                return;
            }
            if (k == Kind.GIT) {
                throw new FirmwareException(where + ": <signature> is for downloaded files; a git source is pinned "
                        + "by its <commit>");
            }
            if (c == null) {
                throw new FirmwareException(where + ": <signature> needs a pinned <sha256> or <sha512> too (the "
                        + "signature is a second, independent check, and its cache place is keyed by the digest)");
            }
            if (!keys) {
                throw new FirmwareException(where + " has a <signature> but no key to check it with; add "
                        + "<signingKeys><signingKey>src/keys/NAME.asc</signingKey></signingKeys> (an armored public "
                        + "key) or <keyring>FILE</keyring> with <signerFingerprints>");
            }
            if ((keyring == null) != signerFingerprints.isEmpty()) {
                throw new FirmwareException(where + ": <keyring> and <signerFingerprints> go together: the "
                        + "fingerprints choose which of the keyring's keys may sign");
            }
            for (String fp : signerFingerprints) {
                if (!fp.replaceAll("\\s+", "").matches("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}")) {
                    throw new FirmwareException(where + ": <signerFingerprint>" + fp + "</signerFingerprint> is not "
                            + "a full key fingerprint (40 hex digits, or 64 for v6 keys); key ids are too short to trust");
                }
            }
            URI u;
            try {
                u = URI.create(signature);
            } catch (IllegalArgumentException e) {
                throw new FirmwareException(where + ": <signature>" + signature + "</signature> is not a URL ("
                        + e.getMessage() + ")");
            }
            String scheme = u.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) && !"file".equals(scheme)) {
                throw new FirmwareException(where + ": <signature>" + signature + "</signature> is not http:, "
                        + "https: or file:");
            }
            String path = u.getPath() == null ? "" : u.getPath();
            String f = path.substring(path.lastIndexOf('/') + 1);
            if (f.isEmpty() || f.startsWith(".")) {
                throw new FirmwareException(where + ": cannot tell a file name from <signature>" + signature
                        + "</signature>; it should end in the signature's file name (e.g. .asc, .sig, .sign)");
            }
            signatureFileName = f;
        }

        public SourceSpec build() throws FirmwareException {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new FirmwareException("A <source> needs a <name> of letters, digits, '.', '_' or '-' (got '"
                        + name + "')");
            }
            String where = "Source '" + name + "'";
            Kind k = Kind.parse(name, kind);
            if (urls.isEmpty() && localOverride == null) {
                throw new FirmwareException(where + " has no <url>; add <urls><url>...</url></urls>");
            }
            for (String u : urls) {
                String problem = SpecChecks.urlProblem(u, k == Kind.GIT);
                if (problem != null) {
                    throw new FirmwareException(where + ": " + urlElements.getOrDefault(u, "<url>") + " '" + u + "' "
                            + problem);
                }
            }
            if (version != null && SpecChecks.versionProblem(version) != null) {
                throw new FirmwareException(where + ": <version>" + version + "</version> "
                        + SpecChecks.versionProblem(version));
            }
            Checksum c = checksum;
            if (sha256 != null) {
                c = Checksum.of(where, "sha256", sha256);
            } else if (sha512 != null) {
                c = Checksum.of(where, "sha512", sha512);
            }
            if (k == Kind.GIT) {
                if (commit == null || !commit.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
                    throw new FirmwareException(where + " is a git source and needs <commit> with the full "
                            + "40-character commit id (tags and branches move; use <version> as a label)");
                }
            } else if (c == null && !unverified) {
                throw new FirmwareException(where + " has no <sha256> or <sha512>. Add the digest of the file "
                        + "(sha256sum FILE), or declare <unverified>true</unverified> if it truly cannot be pinned");
            }
            String f = fileName;
            if (f == null && k != Kind.GIT && !urls.isEmpty()) {
                String path = URI.create(urls.get(0)).getPath();
                f = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
                if (f.isEmpty()) {
                    throw new FirmwareException(where + ": cannot tell a file name from " + urls.get(0)
                            + "; add <fileName>");
                }
            }
            if (f != null && (f.contains("/") || f.equals("..") || f.equals(".") || f.startsWith("."))) {
                throw new FirmwareException(where + ": <fileName>" + f + "</fileName> must be a plain file name");
            }
            if (k == Kind.GIT && f == null) {
                f = name + "-" + commit + ".git";
            }
            if (intoPath != null && (intoPath.startsWith("/") || List.of(intoPath.split("/")).contains(".."))) {
                throw new FirmwareException(where + ": <intoPath>" + intoPath + "</intoPath> must be relative, "
                        + "without '..'");
            }
            if (into != null && into.equals(name)) {
                throw new FirmwareException(where + " cannot go into itself");
            }
            checkSignature(where, k, c);
            return new SourceSpec(this, k, f, c);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
