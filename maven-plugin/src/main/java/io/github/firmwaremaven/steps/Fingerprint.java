package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything a step's result depends on, as labelled lines, and their digest. The lines are kept
 * beside the step's state so that a re-run can say which input changed.
 */
public final class Fingerprint {
    private final List<String> entries;
    private final String digest;

    private Fingerprint(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.digest = Digests.sha256(String.join("\n", entries));
    }

    public List<String> entries() {
        return entries;
    }

    public String digest() {
        return digest;
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder that takes file contents' digests from {@code memo} when the file is the one hashed
     * before (same file key, size and modification time); the caller saves the memo.
     */
    public static Builder builder(DigestMemo memo) {
        return new Builder(memo);
    }

    /** The labels of the entries that differ between an earlier fingerprint's lines and this one. */
    public List<String> changedSince(List<String> earlier) {
        List<String> changed = new ArrayList<>();
        for (String e : entries) {
            if (!earlier.contains(e)) {
                changed.add(e.substring(0, Math.max(0, e.indexOf('='))));
            }
        }
        for (String e : earlier) {
            String label = e.substring(0, Math.max(0, e.indexOf('=')));
            if (!entries.contains(e) && !changed.contains(label)) {
                changed.add(label);
            }
        }
        return changed;
    }

    public static final class Builder {
        private final List<String> entries = new ArrayList<>();
        private final DigestMemo memo;

        private Builder(DigestMemo memo) {
            this.memo = memo;
        }

        private Builder add(String kind, String label, String value) {
            String line = kind + ":" + label + "=" + value.replace("\n", "\\n");
            entries.add(line);
            return this;
        }

        /** A parameter that changes the result (a defconfig name, a -D define, a make target). */
        public Builder param(String name, Object value) {
            return add("param", name, String.valueOf(value));
        }

        /** A file's content. A missing file is an input too (its absence is recorded). */
        public Builder file(String label, Path file) throws IOException {
            return add("file", label, Files.isRegularFile(file) ? sha256(file, memo) : "absent");
        }

        /** A directory's names, kinds, executable bits, link targets and contents, in sorted order. */
        public Builder tree(String label, Path dir) throws IOException {
            return add("tree", label, treeDigest(dir, memo));
        }

        /** A digest known without reading the file again (a verified source archive). */
        public Builder digest(String label, String digest) {
            return add("digest", label, digest);
        }

        /** A host tool: its resolved path, binary digest and version line. */
        public Builder tool(String command, String searchPath) throws IOException, FirmwareException {
            return add("tool", command, ToolIdentity.of(command, searchPath));
        }

        /** A result of an upstream step: when it changes, so does everything downstream. */
        public Builder upstream(String stepId, Fingerprint upstream) {
            return add("step", stepId, upstream.digest());
        }

        public Fingerprint build() {
            return new Fingerprint(entries);
        }
    }

    public static String treeDigest(Path dir) throws IOException {
        return treeDigest(dir, null);
    }

    private static String sha256(Path file, DigestMemo memo) throws IOException {
        return memo != null ? memo.sha256(file) : Digests.sha256(file);
    }

    // A staged root file system is hundreds of files and megabytes: read on every build, before the
    // JIT had warmed up, it was the largest part of a no-op pack-initramfs.
    private static String treeDigest(Path dir, DigestMemo memo) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "absent";
        }
        MessageDigest md = Digests.sha256();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().collect(Collectors.toList());
        }
        for (Path p : paths) {
            String rel = dir.relativize(p).toString();
            String kind;
            if (Files.isSymbolicLink(p)) {
                kind = "l " + Files.readSymbolicLink(p);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                kind = "d";
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                kind = (Files.isExecutable(p) ? "x " : "f ") + sha256(p, memo);
            } else {
                kind = "o";
            }
            md.update((rel + "\0" + kind + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
