package io.github.firmwaremaven.sbom;

import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Buildroot-style legal-info bundle as one reproducible tar.gz: per source its downloaded archive
 * and patches ({@code sources/<name>-<version>/}), its license texts ({@code licenses/<name>-<version>/}),
 * the board's configs ({@code configs/}) and {@code manifest.csv}. Entries are sorted, owned by 0:0,
 * stamped with the build time; gzip carries no name or time.
 */
public final class LegalInfo {
    /** Top-level files of a source tree that hold its license. */
    private static final Pattern LICENSE_FILE = Pattern.compile("(COPYING|LICEN[CS]E)([._-].*)?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ALREADY_COMPRESSED = Pattern.compile(
            "\\.(xz|txz|gz|tgz|bz2|tbz2?|zst|lz4|lzma|lz|zip|7z)$", Pattern.CASE_INSENSITIVE);

    private LegalInfo() {}

    /** gzip (no name, time 0) whose deflate level can change from one tar entry to the next. */
    private static final class EntryLevelGzip extends GZIPOutputStream {
        EntryLevelGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
        }

        void level(int level) {
            def.setLevel(level);
        }
    }

    /**
     * @param configs archive name below {@code configs/} to file, e.g. {@code kernel.config}
     * @return the entry names written, in order
     */
    /**
     * legal-info as a step: rewritten only when an entry's content, the manifest or the time stamp
     * changed (copying the source archives, a kernel tarball alone is 130 MB, cost seconds on every
     * no-op build). Returns the bundle's entry names.
     */
    public static List<String> run(StepMachine steps, List<SourceRecord> sources, Map<String, Path> configs,
            Path out) throws Exception {
        Bundle b = bundle(sources, configs);
        steps.run(Step.named("legal-info")
                .inputs(fp -> {
                    fp.param("format", FORMAT);
                    fp.digest("manifest.csv", Digests.sha256(b.manifest()));
                    for (Map.Entry<String, Path> e : b.files().entrySet()) {
                        fp.file(e.getKey(), e.getValue());
                    }
                })
                .output(out)
                .action(ctx -> write(b, ctx.timestamp().epochSeconds(), out))
                .build());
        return b.entries();
    }

    /** What goes into the bundle: entry name to file, and the manifest. */
    record Bundle(SortedMap<String, Path> files, byte[] manifest) {
        List<String> entries() {
            List<String> written = new ArrayList<>(files.keySet());
            written.add("manifest.csv");
            written.sort(null);
            return written;
        }
    }

    /** Bundles of another layout or compression are rewritten. */
    private static final String FORMAT = "3";

    /** Writes the bundle unconditionally; returns its entry names. */
    public static List<String> write(List<SourceRecord> sources, Map<String, Path> configs, long epochSeconds,
            Path out) throws IOException {
        Bundle b = bundle(sources, configs);
        write(b, epochSeconds, out);
        return b.entries();
    }

    static Bundle bundle(List<SourceRecord> sources, Map<String, Path> configs) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        StringBuilder manifest = new StringBuilder("PACKAGE,VERSION,LICENSE,LICENSE FILES,SOURCE ARCHIVE,SOURCE SITE\n");
        List<SourceRecord> sorted = new ArrayList<>(sources);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (SourceRecord s : sorted) {
            String dir = "sources/" + s.label() + "/";
            String archiveName = "";
            if (s.archive() != null && Files.isRegularFile(s.archive())) {
                archiveName = s.archive().getFileName().toString();
                files.put(dir + archiveName, s.archive());
            } else if (s.commit() != null) {
                archiveName = "git " + s.commit();
            }
            for (Path p : s.patches()) {
                files.put(dir + "patches/" + p.getFileName(), p);
            }
            List<String> licenseFiles = new ArrayList<>();
            for (Map.Entry<String, Path> e : licenseFiles(s.tree()).entrySet()) {
                files.put("licenses/" + s.label() + "/" + e.getKey(), e.getValue());
                licenseFiles.add(e.getKey());
            }
            manifest.append(csv(s.name())).append(',').append(csv(s.version())).append(',')
                    .append(csv(s.license() == null ? "unknown" : s.license())).append(',')
                    .append(csv(String.join(" ", licenseFiles))).append(',').append(csv(archiveName)).append(',')
                    .append(csv(s.urls().isEmpty() ? "" : s.urls().get(0))).append('\n');
        }
        for (Map.Entry<String, Path> c : new TreeMap<>(configs).entrySet()) {
            if (Files.isRegularFile(c.getValue())) {
                files.put("configs/" + c.getKey(), c.getValue());
            }
        }
        return new Bundle(files, manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Bundle bundle, long epochSeconds, Path out) throws IOException {
        SortedMap<String, Path> files = bundle.files();
        byte[] manifestBytes = bundle.manifest();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream fo = Files.newOutputStream(tmp);
                EntryLevelGzip gz = new EntryLevelGzip(fo);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            SortedMap<String, Object> all = new TreeMap<>(files);
            all.put("manifest.csv", manifestBytes);
            for (Map.Entry<String, Object> e : all.entrySet()) {
                // Source archives are compressed already: deflating a kernel tarball again took 2 s and
                // saved nothing, so they are stored; licenses, patches and configs are compressed.
                gz.level(ALREADY_COMPRESSED.matcher(e.getKey()).find() ? Deflater.NO_COMPRESSION
                        : Deflater.DEFAULT_COMPRESSION);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setModTime(epochSeconds * 1000L);
                entry.setIds(0, 0);
                entry.setNames("root", "root");
                entry.setMode(0100644);
                if (e.getValue() instanceof Path p) {
                    entry.setSize(Files.size(p));
                    tar.putArchiveEntry(entry);
                    Files.copy(p, tar);
                } else {
                    byte[] b = (byte[]) e.getValue();
                    entry.setSize(b.length);
                    tar.putArchiveEntry(entry);
                    tar.write(b);
                }
                tar.closeArchiveEntry();
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** License texts of a tree: top-level COPYING/LICENSE* files and a top-level LICENSES/ directory (Linux). */
    static SortedMap<String, Path> licenseFiles(Path tree) throws IOException {
        SortedMap<String, Path> found = new TreeMap<>();
        if (tree == null || !Files.isDirectory(tree)) {
            return found;
        }
        try (Stream<Path> top = Files.list(tree)) {
            for (Path p : (Iterable<Path>) top::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && LICENSE_FILE.matcher(n).matches()) {
                    found.put(n, p);
                }
            }
        }
        Path dir = tree.resolve("LICENSES");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    if (Files.isRegularFile(p)) {
                        found.put(tree.relativize(p).toString(), p);
                    }
                }
            }
        }
        return found;
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
