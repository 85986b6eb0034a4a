package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.compression.ParallelXzOutputStream;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.github.firmwaremaven.archives.ArchiveExtractor;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;

/**
 * A toolchain as a publishable {@code tar.xz} and back. Packing is reproducible: entries sorted by
 * name, one mtime (the build's time stamp), owner 0:0, modes kept, hard links kept as links, so the
 * same toolchain gives the same bytes and the same sha256 on every machine. Unpacking goes into the
 * build cache keyed by the archive's sha256, once.
 */
public final class ToolchainArchive {
    /** Written at the archive's top: what the toolchain is, so mode 3 needs no more configuration. */
    public static final String METADATA = "firmware-toolchain.properties";

    /** The cache kind of unpacked archives. */
    public static final String CACHE_KIND = "toolchain-archive";

    private ToolchainArchive() {}

    /** Packs {@code dir}'s contents (not the directory itself) into {@code archive}. */
    public static void pack(Path dir, Path archive, long epochSeconds) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir))
                    .collect(Collectors.toList());
        }
        // Sort by the tar name, not Path order, so the order is the same on every file system.
        paths.sort((a, b) -> name(dir, a).compareTo(name(dir, b)));
        Files.createDirectories(archive.toAbsolutePath().getParent());
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
        Map<Object, String> firstNameOfInode = new HashMap<>();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                // Blocks compressed on every core (a toolchain is 100+ MB); the bytes do not depend on the core count.
                OutputStream xz = new ParallelXzOutputStream(file, new LZMA2Options(6),
                        Runtime.getRuntime().availableProcessors());
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : paths) {
                String name = name(dir, p);
                TarArchiveEntry entry;
                boolean content = false;
                if (Files.isSymbolicLink(p)) {
                    entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(p).toString());
                    entry.setMode(0120777);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                    entry.setMode(040000 | mode(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Object inode = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS).fileKey();
                    String earlier = inode == null ? null : firstNameOfInode.get(inode);
                    if (earlier != null) {
                        entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                        entry.setLinkName(earlier);
                    } else {
                        if (inode != null) {
                            firstNameOfInode.put(inode, name);
                        }
                        entry = new TarArchiveEntry(name);
                        entry.setSize(Files.size(p));
                        content = true;
                    }
                    entry.setMode(0100000 | mode(p));
                } else {
                    throw new IOException("cannot pack " + p + ": not a file, directory or symbolic link");
                }
                entry.setModTime(epochSeconds * 1000);
                entry.setUserId(0);
                entry.setGroupId(0);
                entry.setUserName("root");
                entry.setGroupName("root");
                tar.putArchiveEntry(entry);
                if (content) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The archive unpacked once, as a step shared in place (kind {@code toolchain-archive}, keyed by
     * the archive's digest); a killed unpack leaves no entry behind. Returns the unpacked tree.
     */
    public static Path unpack(Path archive, StepMachine steps, String hostPath) throws Exception {
        String name = archive.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return steps.run(Step.named("toolchain-unpack-" + name)
                .inputs(f -> f.file("archive", archive))
                .timeless()
                .sharedInPlace(CACHE_KIND)
                .action(ctx -> extract(archive, Files.createDirectories(ctx.sharedDirectory()), hostPath))
                .build()).directory();
    }

    /**
     * Extracts into an empty directory with the extractor sources use, so a toolchain archive gets the
     * same refusals (entries or links leaving the tree, device nodes, set-id bits). Absolute symbolic
     * links are left out, as there: on another machine they point at nothing of the toolchain.
     * The host's xz, found on {@code hostPath}, decodes it when it is there.
     */
    public static void extract(Path archive, Path into, String hostPath) throws IOException, FirmwareException {
        ArchiveExtractor.withHostXz(hostPath).extract(archive, archive.getFileName().toString().endsWith(".tar.xz")
                ? archive.getFileName().toString() : "toolchain.tar.xz", into, false);
    }

    /** Writes the metadata file into a toolchain directory before packing. */
    public static void writeMetadata(Path dir, String triple, String prefix, String host) throws IOException {
        Properties p = new Properties();
        p.setProperty("triple", triple);
        p.setProperty("prefix", prefix);
        p.setProperty("host", host);
        // Properties.store writes a date comment; write the lines ourselves to keep the bytes stable.
        StringBuilder sb = new StringBuilder("# firmware-maven-plugin toolchain\n");
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            sb.append(key).append('=').append(p.getProperty(key)).append('\n');
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(METADATA), StandardCharsets.UTF_8)) {
            w.write(sb.toString());
        }
    }

    /** The metadata of an unpacked toolchain; the message explains when the archive is not one of ours. */
    public static Properties readMetadata(Path dir, String origin) throws IOException, FirmwareException {
        Path file = dir.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new FirmwareException(origin + " is not a toolchain archive made by build-toolchain (no " + METADATA
                    + " at its top). Publish toolchains with a source-mode build and mvn deploy.");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static String name(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private static int mode(Path p) throws IOException {
        int m = 0;
        for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
            m |= 1 << (8 - perm.ordinal());
        }
        return m;
    }
}
