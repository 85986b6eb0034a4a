package io.github.firmwaremaven.initramfs;

import io.github.firmwaremaven.compression.AsyncOutputStream;
import io.github.firmwaremaven.compression.Lz4LegacyOutputStream;
import io.github.firmwaremaven.compression.ParallelGzipOutputStream;
import io.github.firmwaremaven.compression.ParallelXzOutputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.tukaani.xz.LZMA2Options;

/**
 * Packs an initramfs from a staging tree, overlay trees and a gen_init_cpio list, in that order,
 * later inputs overriding earlier ones for the same path. No root is needed: owners, modes and device
 * nodes come from the list; tree entries are owned by 0:0 with normalised modes so the packing
 * user's umask never shows. Tree entries come first in sorted order, then list-only entries in list
 * order, which makes an archive of a list alone byte-identical to {@code gen_init_cpio -t}'s.
 */
public final class InitramfsPacker {
    private final List<Path> trees;
    private final Path list;
    private final Map<String, String> env;
    private final Compression compression;
    private final long timestamp;
    private final int threads;

    private InitramfsPacker(Builder b) {
        this.trees = List.copyOf(b.trees);
        this.list = b.list;
        this.env = Map.copyOf(b.env);
        this.compression = b.compression;
        this.timestamp = b.timestamp;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a pack produced. */
    public record Result(Path archive, Path listFile, int entries, long cpioBytes) {}

    /** Collects the entries in archive order; fails with file and line on bad input. */
    public List<CpioEntry> entries() throws IOException, FirmwareException {
        // Keyed by path; a TreeMap gives tree entries in sorted order with parents before children.
        TreeMap<String, CpioEntry> fromTrees = new TreeMap<>();
        for (Path tree : trees) {
            scanTree(tree, fromTrees);
        }
        List<CpioEntry> listEntries = list == null ? List.of() : CpioList.parse(list, env);
        Map<String, CpioEntry> listOnly = new LinkedHashMap<>();
        for (CpioEntry e : listEntries) {
            for (String link : e.links()) {
                fromTrees.remove(link); // a list hard link replaces a tree file of that name
            }
            CpioEntry existing = fromTrees.get(e.name());
            if (existing == null) {
                listOnly.put(e.name(), e);
            } else if (existing.type() == e.type() && e.type() != CpioEntry.Type.FILE
                    && Objects.equals(existing.target(), e.target())) {
                fromTrees.put(e.name(), existing.withOwnerAndMode(e.mode(), e.uid(), e.gid(), e.origin()));
            } else {
                // Different kind or a file with its own location: the list entry wins, in the tree's place.
                fromTrees.put(e.name(), e);
            }
        }
        List<CpioEntry> all = new ArrayList<>(fromTrees.values());
        all.addAll(listOnly.values());
        return all;
    }

    private static void scanTree(Path root, Map<String, CpioEntry> into) throws IOException, FirmwareException {
        if (!Files.isDirectory(root)) {
            throw new FirmwareException("initramfs input directory " + root + " does not exist");
        }
        Path base = root.toAbsolutePath().normalize();
        List<FirmwareException> problems = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(base)) {
                    String name = rel(base, dir);
                    into.put(name, CpioEntry.dir(name, 0755, 0, 0, dir.toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = rel(base, file);
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    // Absolute targets are resolved inside the image at run time; relative ones
                    // must not climb out of the tree they come from.
                    if (!target.startsWith("/")) {
                        Path resolved = file.getParent().resolve(target).normalize();
                        if (!resolved.startsWith(base)) {
                            problems.add(new FirmwareException(file + ": symbolic link to '" + target
                                    + "' points outside " + root + "; make it relative inside the tree or absolute"));
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    into.put(name, CpioEntry.slink(name, target, 0777, 0, 0, file.toString()));
                } else if (attrs.isRegularFile()) {
                    // Any x bit makes it executable; the packing user's access rights must not matter.
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                    boolean exec = perms.contains(PosixFilePermission.OWNER_EXECUTE)
                            || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                            || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
                    int mode = exec ? 0755 : 0644;
                    into.put(name, CpioEntry.file(name, file, mode, 0, 0, List.of(), file.toString()));
                } else {
                    problems.add(new FirmwareException(file + ": special files cannot be copied from a tree "
                            + "without root; declare it in the initramfs list (nod/pipe/sock) instead"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    private static String rel(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Writes the compressed archive to {@code output} and the effective list to {@code listOutput}
     * (may be null). Both appear only when complete: they are written beside and moved in place.
     */
    public Result pack(Path output, Path listOutput) throws IOException, FirmwareException {
        List<CpioEntry> entries = entries();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Path tmp = output.resolveSibling("." + output.getFileName() + ".part");
        long cpioBytes;
        boolean ok = false;
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                    OutputStream compressed = compressor(new BufferedOutputStream(file, 1 << 16));
                    BufferedOutputStream cpio = new BufferedOutputStream(compressed, 1 << 16)) {
                NewcWriter w = new NewcWriter(cpio, timestamp);
                for (CpioEntry e : entries) {
                    w.write(e);
                }
                w.finish();
                cpioBytes = w.bytesWritten();
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
        if (listOutput != null) {
            writeList(entries, output, listOutput);
        }
        return new Result(output, listOutput, entries.size(), cpioBytes);
    }

    private void writeList(List<CpioEntry> entries, Path output, Path listOutput) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# gen_init_cpio list of ").append(output.getFileName()).append(", written by firmware-maven-plugin\n");
        sb.append("# To embed this initramfs in a kernel reproducibly, point CONFIG_INITRAMFS_SOURCE at the\n");
        sb.append("# packed archive (Linux takes a .cpio or .cpio.* as is) rather than at this list: with a list,\n");
        sb.append("# kbuild re-packs and takes regular files' times from the files themselves.\n");
        // Locations relative to this file, as CpioList reads them: the list is a published artifact and
        // must not carry the build directory. gen_init_cpio takes them from the current directory.
        sb.append("# file locations are relative to this list's directory (run gen_init_cpio there)\n");
        sb.append("# archive: ").append(output.getFileName()).append('\n');
        Path base = listOutput.toAbsolutePath().getParent();
        for (CpioEntry e : entries) {
            sb.append(e.toListLine(base)).append('\n');
        }
        Files.createDirectories(base);
        Path tmp = listOutput.resolveSibling("." + listOutput.getFileName() + ".part");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, listOutput, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private OutputStream compressor(OutputStream out) throws IOException {
        switch (compression) {
            case NONE:
                return out;
            case GZIP:
                return new ParallelGzipOutputStream(out, 6, threads);
            case XZ: {
                // The kernel's XZ decoder knows CRC32 (not CRC64) and a bounded dictionary.
                LZMA2Options options = new LZMA2Options(6);
                options.setDictSize(1 << 20);
                return new ParallelXzOutputStream(out, options, threads);
            }
            case ZSTD: {
                ZstdOutputStream z = new ZstdOutputStream(out, 9);
                z.setChecksum(true);
                // A window the kernel's decoder allocates easily. Two workers on every host: the
                // output depends on the worker count, so it must not follow the machine's cores.
                z.setWindowLog(23);
                z.setWorkers(2);
                return new AsyncOutputStream(z);
            }
            case LZ4:
                return new AsyncOutputStream(new Lz4LegacyOutputStream(out));
            default:
                throw new IllegalStateException(compression.name());
        }
    }

    public static final class Builder {
        private final List<Path> trees = new ArrayList<>();
        private Path list;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Compression compression = Compression.GZIP;
        private long timestamp;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        /** A staging or overlay directory; later ones override earlier ones. */
        public Builder tree(Path dir) {
            trees.add(dir);
            return this;
        }

        public Builder list(Path listFile) {
            this.list = listFile;
            return this;
        }

        /** Values for ${VAR} in list locations. */
        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder compression(Compression c) {
            this.compression = c;
            return this;
        }

        public Builder timestamp(long epochSeconds) {
            this.timestamp = epochSeconds;
            return this;
        }

        public Builder threads(int n) {
            this.threads = Math.max(1, n);
            return this;
        }

        public InitramfsPacker build() {
            return new InitramfsPacker(this);
        }
    }
}
