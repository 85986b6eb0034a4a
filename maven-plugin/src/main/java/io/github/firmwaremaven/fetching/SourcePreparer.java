package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.archives.ArchiveExtractor;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.patching.PatchSet;
import io.github.firmwaremaven.patching.Patcher;
import io.github.firmwaremaven.signatures.Verified;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.trees.TreePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * fetch-sources as one call: fetch every pinned file (or, offline, report everything missing at
 * once), then prepare each tree as a step shared in place (kind {@code sources}; its fingerprint is
 * the archive digest, member, what goes into it and the patches), so a second board or
 * {@code mvn clean} reuses the extracted tree. Writes the {@link SourceRegistry} for later goals.
 */
public final class SourcePreparer {
    /** Layout version of prepared trees; bump when extraction or placement changes what a tree holds. */
    private static final String LAYOUT = "1";

    private final FetchOptions options;
    private final StepMachine steps;
    private final List<Path> patchDirs;
    private final BuildLog log;
    private final DownloadCache downloads;
    private final GitFetcher git;
    private final ArchiveExtractor extractor;
    private final Patcher patcher = new Patcher();
    private final SignatureFiles signatures;
    /** The verified signer of each source with a signature, for the registry. */
    private final Map<String, Verified> signers = new LinkedHashMap<>();

    /**
     * @param patchDirs the board's patch directory first, then global ones; each holds
     *     {@code <source>[/<version>]/NNNN-*.patch}
     * @param extractor how archives are decoded (with the host's xz on the board's host path, or in Java)
     */
    public SourcePreparer(FetchOptions options, StepMachine steps, List<Path> patchDirs, ArchiveExtractor extractor,
            BuildLog log) {
        this.options = options;
        this.steps = steps;
        this.patchDirs = List.copyOf(patchDirs);
        this.log = log;
        this.downloads = new DownloadCache(options, log);
        this.git = new GitFetcher(options, log);
        this.extractor = extractor;
        this.signatures = new SignatureFiles(options, log);
    }

    /** Fetches only (the cache is filled; no trees). */
    public void fetchAll(List<SourceSpec> specs) throws IOException, FirmwareException, InterruptedException {
        check(specs);
        if (options.offline()) {
            List<OfflineReport.Missing> missing = new ArrayList<>();
            for (SourceSpec s : specs) {
                if (s.localOverride() != null) {
                    continue;
                }
                boolean have = s.kind() == SourceSpec.Kind.GIT ? git.hasCommit(s) : downloads.cached(s) != null;
                if (!have) {
                    missing.add(new OfflineReport.Missing(s, s.kind() == SourceSpec.Kind.GIT ? s.urls()
                            : downloads.candidates(s)));
                }
                if (s.signature() != null && !signatures.cached(s)) {
                    missing.add(new OfflineReport.Missing(s, signatures.candidates(s), s.signatureFileName()));
                }
            }
            if (!missing.isEmpty()) {
                throw new FirmwareException(OfflineReport.message(missing));
            }
            verifySignatures(specs);
            return;
        }
        for (SourceSpec s : specs) {
            if (s.localOverride() != null) {
                continue;
            }
            if (s.kind() == SourceSpec.Kind.GIT) {
                git.fetch(s);
            } else {
                downloads.fetch(s);
                if (s.signature() != null) {
                    signatures.fetch(s);
                }
            }
        }
        verifySignatures(specs);
    }

    /** Every declared signature, checked after the pinned digests and before anything is extracted. */
    private void verifySignatures(List<SourceSpec> specs) throws IOException, FirmwareException {
        for (SourceSpec s : specs) {
            if (s.signature() != null && s.localOverride() == null) {
                Path file = downloads.cached(s);
                if (file == null) {
                    throw new FirmwareException("Source '" + s.name() + "': " + s.fileName() + " left the download "
                            + "cache before its signature could be checked; run the build again");
                }
                signers.put(s.name(), signatures.verify(s, file));
            }
        }
    }

    /** Fetches, prepares every tree and writes the registry into {@code buildArea}. */
    public SourceRegistry prepare(List<SourceSpec> specs, Path buildArea)
            throws IOException, FirmwareException, InterruptedException {
        fetchAll(specs);
        SourceRegistry registry = SourceRegistry.empty(buildArea);
        Map<String, List<SourceSpec>> children = new LinkedHashMap<>();
        for (SourceSpec s : specs) {
            if (s.into() != null) {
                children.computeIfAbsent(s.into(), k -> new ArrayList<>()).add(s);
            }
        }
        for (SourceSpec s : specs) {
            if (s.into() != null) {
                continue;
            }
            List<SourceSpec> inside = children.getOrDefault(s.name(), List.of());
            if (s.localOverride() != null) {
                prepareOverride(s, registry);
            } else if (s.kind() == SourceSpec.Kind.FILE && inside.isEmpty()) {
                prepareFile(s, registry);
            } else {
                prepareTree(s, inside, registry);
            }
        }
        registry.write();
        return registry;
    }

    private void check(List<SourceSpec> specs) throws FirmwareException {
        Map<String, SourceSpec> byName = new LinkedHashMap<>();
        for (SourceSpec s : specs) {
            if (byName.put(s.name(), s) != null) {
                throw new FirmwareException("Source '" + s.name() + "' is declared twice");
            }
        }
        for (SourceSpec s : specs) {
            if (s.into() == null) {
                continue;
            }
            SourceSpec target = byName.get(s.into());
            if (target == null) {
                throw new FirmwareException("Source '" + s.name() + "' goes <into>" + s.into()
                        + "</into>, which is not declared");
            }
            if (target.into() != null || target.kind() == SourceSpec.Kind.FILE) {
                throw new FirmwareException("Source '" + s.name() + "' goes into '" + s.into()
                        + "', which is itself placed into another source or is a file");
            }
        }
        for (SourceSpec s : specs) {
            checkArchiveType(s);
        }
    }

    /** An archive this plugin cannot extract is refused before anything is downloaded. */
    private static void checkArchiveType(SourceSpec s) throws FirmwareException {
        if (s.kind() != SourceSpec.Kind.ARCHIVE || s.localOverride() != null || s.fileName() == null) {
            return;
        }
        String name = s.member() != null ? s.member().substring(s.member().lastIndexOf('/') + 1) : s.fileName();
        if (ArchiveExtractor.isArchive(name) && (s.member() == null || ArchiveExtractor.isArchive(s.fileName()))) {
            return;
        }
        String bad = ArchiveExtractor.isArchive(name) ? s.fileName() : name;
        String element = s.member() != null && bad.equals(name) ? "<member>" : fromUrl(s, bad) ? "<url>" : "<fileName>";
        throw new FirmwareException("Source '" + s.name() + "': cannot tell how to extract '" + bad + "' (from "
                + element + "): the archive types are " + ArchiveExtractor.KNOWN_SUFFIXES + ". Give a <fileName> "
                + "with one of those endings if the server's name hides the type, or declare <kind>file</kind> to "
                + "place the file without extracting it. Nothing was downloaded.");
    }

    private static boolean fromUrl(SourceSpec s, String fileName) {
        for (String u : s.urls()) {
            String path = u.contains("?") ? u.substring(0, u.indexOf('?')) : u;
            if (path.endsWith("/" + fileName)) {
                return true;
            }
        }
        return false;
    }

    private void prepareOverride(SourceSpec s, SourceRegistry registry) throws IOException, FirmwareException {
        Path dir = s.localOverride().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new FirmwareException("Source '" + s.name() + "': local override " + dir + " is not a directory");
        }
        log.warn("Source '" + s.name() + "' uses the LOCAL OVERRIDE " + dir + " instead of its pinned source; "
                + "patches are not applied and the result is not reproducible from the pom alone");
        String fp = Fingerprint.builder().param("override", dir).tree("override-tree", dir).build().digest();
        registry.put(s.name(), "kind", "override");
        registry.put(s.name(), "tree", dir.toString());
        registry.put(s.name(), "override", dir.toString());
        registry.put(s.name(), "fingerprint", "override-" + fp);
        registry.put(s.name(), "version", s.version());
        describe(s, null, registry);
    }

    /** What the SBOM and legal-info need beyond the tree: where it came from, its digest, license, patches. */
    private void describe(SourceSpec s, PatchSet patches, SourceRegistry registry) throws IOException {
        registry.put(s.name(), "urls", s.urls().isEmpty() ? null : String.join("\n", s.urls()));
        boolean downloaded = s.kind() != SourceSpec.Kind.GIT && s.localOverride() == null;
        if (s.checksum() != null) {
            registry.put(s.name(), "checksum", s.checksum().algorithm() + ":" + s.checksum().hex());
        } else if (downloaded) {
            // An unverified source: the digest recorded when it was downloaded, if there is one.
            String recorded = downloads.recordedDigest(s);
            registry.put(s.name(), "checksum", recorded.startsWith("null") ? null : recorded);
        }
        registry.put(s.name(), "license", s.license());
        Verified signed = signers.get(s.name());
        if (signed != null) {
            // Recorded only: the signature adds trust, not bytes, so the tree's fingerprint stays the same.
            registry.put(s.name(), "signer", signed.signer());
            registry.put(s.name(), "signingKey", signed.signingKey());
            registry.put(s.name(), "signature", s.signature());
        }
        registry.put(s.name(), "commit", s.commit());
        if (downloaded) {
            // location, not cached(): fetch just verified it, and re-hashing a 138 MB kernel archive costs seconds.
            Path file = downloads.location(s);
            registry.put(s.name(), "archive", Files.isRegularFile(file) ? file.toString() : null);
        }
        if (patches != null && !patches.isEmpty()) {
            List<String> paths = new ArrayList<>();
            for (Path p : patches.patches()) {
                paths.add(p.toAbsolutePath().toString());
            }
            registry.put(s.name(), "patches", String.join("\n", paths));
        }
    }

    private void prepareFile(SourceSpec s, SourceRegistry registry)
            throws IOException, FirmwareException, InterruptedException {
        Path cached = downloads.fetch(s);
        String digest = downloads.recordedDigest(s);
        Path placed = cached;
        String fp = Digests.sha256("file\n" + digest + "\n" + s.member());
        if (s.member() != null) {
            Path dir = run(Step.named(stepId("source-file-", s))
                    .inputs(f -> f.param("file", digest).param("member", s.member()))
                    .timeless()
                    .sharedInPlace("source-files")
                    .action(ctx -> extractor.extractMember(cached, s.fileName(), s.member(),
                            Files.createDirectories(ctx.sharedDirectory()).resolve(memberName(s))))
                    .build());
            placed = dir.resolve(memberName(s));
        }
        registry.put(s.name(), "kind", "file");
        registry.put(s.name(), "file", placed.toString());
        registry.put(s.name(), "fingerprint", fp);
        registry.put(s.name(), "version", s.version());
        describe(s, null, registry);
    }

    private static String memberName(SourceSpec s) {
        return s.member().substring(s.member().lastIndexOf('/') + 1);
    }

    private void prepareTree(SourceSpec base, List<SourceSpec> inside, SourceRegistry registry)
            throws IOException, FirmwareException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("layout=" + LAYOUT);
        lines.add(identity(base));
        for (SourceSpec c : inside) {
            lines.add("into " + c.intoPath() + ": " + identity(c));
        }
        PatchSet patches = PatchSet.find(base.name(), base.version(), patchDirs);
        lines.addAll(patches.fingerprintLines());
        String fp = Digests.sha256(String.join("\n", lines));
        Path tree = run(Step.named(stepId("source-", base))
                .inputs(f -> {
                    for (String line : lines) {
                        f.param("tree", line);
                    }
                })
                .timeless()
                .sharedInPlace("sources")
                .action(ctx -> {
                    Path at = ctx.sharedDirectory();
                    long t0 = System.nanoTime();
                    materialize(base, at, true);
                    for (SourceSpec c : inside) {
                        materialize(c, placeInside(base, c, at), false);
                    }
                    patcher.apply(base.name(), patches, at);
                    if (!inside.isEmpty() || !patches.isEmpty() || base.kind() == SourceSpec.Kind.GIT) {
                        // What one writer left can change where another's links lead: the finished tree is checked.
                        TreePaths.Escape out = new TreePaths(at).firstEscapingLink();
                        if (out != null) {
                            throw new FirmwareException("Source '" + base.name() + "': after placing "
                                    + (inside.isEmpty() ? "" : "the sources that go <into> it and ")
                                    + (patches.isEmpty() ? "" : "applying its patches ") + "the tree holds the "
                                    + "symbolic link '" + out.path() + "', which "
                                    + out.getMessage().replaceFirst("^'[^']*' ", "") + ". Nothing was kept; fix the "
                                    + "archive, the patch or the <intoPath> that makes it.");
                        }
                    }
                    log.info("Prepared source '" + base.name() + "' (" + (patches.patches().size()) + " patch(es)) in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms");
                })
                .build());
        register(base, tree, fp, registry);
        describe(base, patches, registry);
        for (SourceSpec c : inside) {
            register(c, tree.resolve(c.intoPath() == null ? "" : c.intoPath()).normalize(), fp, registry);
            describe(c, null, registry);
        }
    }

    /**
     * Where a source that goes {@code <into>} another is written: its {@code <intoPath>} resolved inside
     * the tree, through links only while they stay inside, and made a real directory.
     */
    private static Path placeInside(SourceSpec base, SourceSpec c, Path tree) throws IOException, FirmwareException {
        String rel = c.intoPath() == null ? "" : c.intoPath();
        try {
            return new TreePaths(tree).createDirectories(rel);
        } catch (TreePaths.Escape e) {
            throw new FirmwareException("Source '" + c.name() + "': <intoPath>" + rel + "</intoPath> inside source '"
                    + base.name() + "' " + e.getMessage().replaceFirst("^'[^']*' ", "") + "; refusing to write "
                    + "outside the tree. Choose an <intoPath> that is a directory of '" + base.name()
                    + "' (the archive's links may not be used to leave it).");
        }
    }

    /** A step id for a source: its name made id-safe. */
    private static String stepId(String prefix, SourceSpec s) {
        return prefix + s.name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Runs a step shared in place with the checked exceptions this class declares; returns its directory. */
    private Path run(Step step) throws IOException, FirmwareException, InterruptedException {
        try {
            return steps.run(step).directory();
        } catch (IOException | FirmwareException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.toString(), e);
        }
    }

    private void register(SourceSpec s, Path tree, String fp, SourceRegistry registry) {
        registry.put(s.name(), "kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (s.kind() == SourceSpec.Kind.FILE && s.into() != null) {
            registry.put(s.name(), "file", tree.resolve(s.member() != null ? memberName(s) : s.fileName()).toString());
        } else {
            registry.put(s.name(), "tree", tree.toString());
        }
        registry.put(s.name(), "fingerprint", fp);
        registry.put(s.name(), "version", s.version());
    }

    /** What pins a source's bytes: the verified digest, or the git commit. */
    private String identity(SourceSpec s) throws IOException {
        if (s.kind() == SourceSpec.Kind.GIT) {
            return s.name() + " git " + s.commit();
        }
        return s.name() + " " + s.kind() + " " + downloads.recordedDigest(s) + " member=" + s.member();
    }

    /** Writes a source's content at {@code at}: extracted archive, placed file, or exported commit. */
    private void materialize(SourceSpec s, Path at, boolean fresh)
            throws IOException, FirmwareException, InterruptedException {
        if (s.kind() == SourceSpec.Kind.GIT) {
            if (fresh) {
                git.export(s, at);
                dropAbsoluteLinks(s, at);
            } else {
                // git clone wants a new directory; the place inside the other tree may already hold files.
                Files.createDirectories(at.getParent());
                Path tmp = at.resolveSibling(".git-export-" + java.util.UUID.randomUUID());
                try {
                    git.export(s, tmp);
                    dropAbsoluteLinks(s, tmp);
                    moveContents(tmp, at);
                } finally {
                    TreeDelete.delete(tmp);
                }
            }
            return;
        }
        int skippedBefore = extractor.skippedLinks().size();
        int droppedBefore = extractor.droppedBits().size();
        try {
            extract(s, at);
        } catch (FirmwareException e) {
            throw new FirmwareException("Source '" + s.name() + "': " + e.getMessage(), e);
        } catch (IOException e) {
            if (ArchiveExtractor.isDiskFull(e)) {
                throw new FirmwareException("Source '" + s.name() + "': the disk is full while placing "
                        + s.fileName() + " into " + at + " (" + e.getMessage() + "). Nothing half-written was kept. "
                        + "Free space on that file system (or point <cacheDir> at a larger one) and run the build "
                        + "again", e);
            }
            throw e;
        }
        // The warnings the extractor collected for this source: absolute links left out, bits dropped.
        List<String> skipped = extractor.skippedLinks();
        for (String link : skipped.subList(skippedBefore, skipped.size())) {
            log.warn("Source '" + s.name() + "': left out the symbolic link to an absolute path " + link);
        }
        List<String> dropped = extractor.droppedBits();
        for (String entry : dropped.subList(droppedBefore, dropped.size())) {
            int cut = entry.lastIndexOf(" (");
            log.warn("Source '" + s.name() + "': dropped the " + entry.substring(cut + 2, entry.length() - 1)
                    + " bit of entry '" + entry.substring(0, cut) + "'");
        }
    }

    /**
     * A git tree may hold links to absolute paths (edk2's X11IncludeHack -> /opt/X11); left out as
     * extraction leaves them out, since a later write through one would land outside the tree.
     */
    private void dropAbsoluteLinks(SourceSpec s, Path tree) throws IOException {
        List<Path> absolute = new ArrayList<>();
        Files.walkFileTree(tree, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (a.isSymbolicLink() && Files.readSymbolicLink(f).isAbsolute()) {
                    absolute.add(f);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        for (Path f : absolute) {
            log.warn("Source '" + s.name() + "': left out the symbolic link to an absolute path "
                    + tree.relativize(f) + " -> " + Files.readSymbolicLink(f));
            Files.delete(f);
        }
    }

    private void extract(SourceSpec s, Path at) throws IOException, FirmwareException {
        Path cached = downloads.location(s);
        if (s.kind() == SourceSpec.Kind.FILE) {
            Files.createDirectories(at);
            if (s.member() != null) {
                extractor.extractMember(cached, s.fileName(), s.member(), at.resolve(memberName(s)));
            } else {
                Files.copy(cached, at.resolve(s.fileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        if (s.member() != null) {
            // Beside the tree being made, inside the build cache's temporary entry: same file system.
            Path nested = Files.createTempFile(at.toAbsolutePath().getParent(), ".member-", "-" + memberName(s));
            try {
                extractor.extractMember(cached, s.fileName(), s.member(), nested);
                extractor.extract(nested, memberName(s), at, true);
            } finally {
                Files.deleteIfExists(nested);
            }
        } else {
            extractor.extract(cached, s.fileName(), at, true);
        }
    }

    private static void moveContents(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.move(p, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
