package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-pins sources without editing the pom: a Java properties file with {@code <name>.version},
 * {@code <name>.url} (several separated by spaces), {@code <name>.fileName}, {@code <name>.sha256} or
 * {@code <name>.sha512}, {@code <name>.member}, {@code <name>.serverId} (the settings.xml server whose
 * credentials the re-pinned URLs' origins get), {@code <name>.signature} (where the mirror keeps the
 * detached signature) and {@code <name>.kind} ({@code archive} or {@code file}: what a mirror of a git
 * source serves instead, e.g. a distribution's tarball of the same tree). The format is fixed (other
 * tools write it).
 *
 * <p>It changes pins and never turns verification off: a re-pin that moves the source (url, file
 * name or version) must bring its digest; an unknown source name or key is an error, since a typo
 * would otherwise silently build the old pin.
 */
public final class Overrides {
    private static final Set<String> KEYS = Set.of("version", "url", "fileName", "sha256", "sha512", "member",
            "serverId", "signature", "kind");

    private final Path file;
    private final Map<String, Map<String, String>> bySource;

    private Overrides(Path file, Map<String, Map<String, String>> bySource) {
        this.file = file;
        this.bySource = bySource;
    }

    public static Overrides none() {
        return new Overrides(null, Map.of());
    }

    public static Overrides read(Path file) throws IOException, FirmwareException {
        if (!Files.isRegularFile(file)) {
            throw new FirmwareException("Source overrides file " + file + " does not exist (firmware.fetch-sources.sourceOverrides)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Map<String, String>> by = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            int dot = key.lastIndexOf('.');
            String attr = dot < 0 ? "" : key.substring(dot + 1);
            if (dot <= 0 || !KEYS.contains(attr)) {
                throw new FirmwareException("Source overrides file " + file + ": key '" + key + "' is not "
                        + "<source>.version|url|fileName|sha256|sha512|member|serverId|signature|kind");
            }
            by.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(attr, p.getProperty(key).trim());
        }
        return new Overrides(file, by);
    }

    /** URL and version values are checked here, so that the error names this file's key. */
    private void check(String source, boolean git, Map<String, String> o) throws FirmwareException {
        if (o.containsKey("url")) {
            for (String u : o.get("url").split("\\s+")) {
                String problem = u.isEmpty() ? null : SpecChecks.urlProblem(u, git);
                if (problem != null) {
                    throw new FirmwareException("Source overrides file " + file + ": key '" + source + ".url' (source '"
                            + source + "'): '" + u + "' " + problem + "; several URLs are separated by spaces");
                }
            }
        }
        if (o.containsKey("version") && SpecChecks.versionProblem(o.get("version")) != null) {
            throw new FirmwareException("Source overrides file " + file + ": key '" + source + ".version' (source '"
                    + source + "'): '" + o.get("version") + "' " + SpecChecks.versionProblem(o.get("version")));
        }
    }

    private static boolean sameOrigins(List<String> before, List<String> after) {
        Set<Origin> old = new java.util.HashSet<>();
        before.forEach(u -> old.add(Origin.of(u)));
        for (String u : after) {
            Origin o = Origin.of(u);
            if (o == null || !old.contains(o)) {
                return false;
            }
        }
        return true;
    }

    /** The specs with re-pins applied, in the same order; logs nothing, returns what changed. */
    public List<SourceSpec> apply(List<SourceSpec> specs, List<String> changes) throws FirmwareException {
        Set<String> known = new TreeSet<>();
        specs.forEach(s -> known.add(s.name()));
        // One file serves a whole site's boards, so re-pins of sources this board lacks are normal;
        // they are reported (a typo shows up here) but not an error.
        List<String> unused = new ArrayList<>();
        for (String name : bySource.keySet()) {
            if (!known.contains(name)) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            changes.add("overrides for sources this board does not declare, ignored: " + String.join(", ", unused)
                    + " (declared: " + String.join(", ", known) + ")");
        }
        List<SourceSpec> result = new ArrayList<>();
        for (SourceSpec s : specs) {
            Map<String, String> o = bySource.get(s.name());
            if (o == null) {
                result.add(s);
                continue;
            }
            SourceSpec.Kind kind = s.kind();
            if (o.containsKey("kind")) {
                try {
                    kind = SourceSpec.Kind.parse(s.name(), o.get("kind"));
                } catch (FirmwareException e) {
                    throw new FirmwareException("Source overrides file " + file + ": key '" + s.name() + ".kind': '"
                            + o.get("kind") + "' is not archive, file or git");
                }
            }
            boolean moves = o.containsKey("url") || o.containsKey("fileName") || o.containsKey("version")
                    || kind != s.kind();
            boolean hasDigest = o.containsKey("sha256") || o.containsKey("sha512");
            if (kind == SourceSpec.Kind.GIT && s.kind() != SourceSpec.Kind.GIT) {
                throw new FirmwareException("Source overrides file " + file + ": key '" + s.name() + ".kind' cannot "
                        + "make '" + s.name() + "' a git source: a git source's pin is the <commit> in the pom");
            }
            if (s.kind() == SourceSpec.Kind.GIT && kind == SourceSpec.Kind.GIT && hasDigest) {
                throw new FirmwareException("Source overrides file " + file + " gives the git source '" + s.name()
                        + "' a digest, which pins a downloaded file; if the re-pinned URL serves a tarball of the tree, "
                        + "add " + s.name() + ".kind=archive");
            }
            if (moves && !hasDigest && kind != SourceSpec.Kind.GIT) {
                throw new FirmwareException("Source overrides file " + file + " re-pins '" + s.name()
                        + "' without " + s.name() + ".sha256 (or .sha512); a new file needs its digest");
            }
            check(s.name(), kind == SourceSpec.Kind.GIT, o);
            SourceSpec.Builder b = s.toBuilder();
            if (kind != s.kind()) {
                // A git source re-pinned to a download: the file name comes from the new URL, the digest pins it.
                b.kind(kind.name()).commit(null).fileName(null);
            }
            if (o.containsKey("version")) {
                b.version(o.get("version"));
            }
            if (o.containsKey("url")) {
                List<String> newUrls = Arrays.asList(o.get("url").split("\\s+"));
                b.replaceUrls(newUrls);
                if (!o.containsKey("fileName")) {
                    b.fileName(null); // from the new URL
                }
                // A server id belongs to the origins it was declared with: a re-pin to another origin
                // does not take the credentials along unless the file says so.
                if (!o.containsKey("serverId") && s.serverId() != null && !sameOrigins(s.urls(), newUrls)) {
                    b.serverId(null);
                    changes.add(s.name() + ": <serverId>" + s.serverId() + " not used for the re-pinned URLs on "
                            + "another origin (give " + s.name() + ".serverId in " + file + " if they need it)");
                }
            }
            if (o.containsKey("serverId")) {
                b.serverId(o.get("serverId"));
            }
            if (o.containsKey("fileName")) {
                b.fileName(o.get("fileName"));
            }
            if (o.containsKey("sha256")) {
                b.sha256(o.get("sha256"));
            }
            if (o.containsKey("sha512")) {
                b.sha512(o.get("sha512"));
            }
            if (o.containsKey("member")) {
                b.member(o.get("member"));
            }
            // Only moves a signature: the keys that may sign stay the board's, so a mirror's file cannot
            // make a board trust anything new, and boards that check no signature are left as they are.
            if (o.containsKey("signature")) {
                if (s.signature() != null) {
                    b.signature(o.get("signature"));
                } else {
                    changes.add(s.name() + ".signature from " + file + " ignored: the source declares no "
                            + "<signature> and no signing keys");
                }
            }
            SourceSpec repinned = b.build();
            changes.add(s.name() + ": " + o.keySet() + " from " + file);
            result.add(repinned);
        }
        return result;
    }
}
