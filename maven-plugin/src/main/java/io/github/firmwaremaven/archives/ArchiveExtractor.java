package io.github.firmwaremaven.archives;

import com.github.luben.zstd.ZstdInputStream;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.processes.HostPath;
import io.github.firmwaremaven.trees.TreePaths;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts .tar(.gz|.xz|.bz2|.zst) and .zip archives into a directory that must stay the only place
 * written: every entry is checked before it touches the disk, and an entry that would land outside
 * (.., an absolute name, a path through a symbolic link, a link pointing out) fails the extraction
 * naming the entry. Modes, symbolic links, hard links and modification times are kept.
 *
 * <p>Callers extract into a fresh temporary directory and rename it into place only on success (as
 * a step shared in place), so a failed or killed extraction never leaves a tree that looks usable.
 */
public final class ArchiveExtractor {
    /** Compressions, by file name suffix. */
    enum Format {
        TAR, TAR_GZ, TAR_XZ, TAR_BZ2, TAR_ZST, ZIP;

        static Format of(String fileName) throws FirmwareException {
            String n = fileName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                return TAR_GZ;
            } else if (n.endsWith(".tar.xz") || n.endsWith(".txz")) {
                return TAR_XZ;
            } else if (n.endsWith(".tar.bz2") || n.endsWith(".tbz2") || n.endsWith(".tbz")) {
                return TAR_BZ2;
            } else if (n.endsWith(".tar.zst") || n.endsWith(".tzst")) {
                return TAR_ZST;
            } else if (n.endsWith(".tar")) {
                return TAR;
            } else if (n.endsWith(".zip")) {
                return ZIP;
            }
            throw new FirmwareException("Cannot tell how to extract '" + fileName + "': expected .tar.gz, .tar.xz, "
                    + ".tar.bz2, .tar.zst, .tar or .zip (use kind 'file' to place it without extracting)");
        }
    }

    /** Where the host's xz is looked up, or null to decode .xz in Java. */
    private final String xzSearchPath;
    private final List<String> skippedLinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> droppedBits = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ArchiveExtractor(String xzSearchPath) {
        this.xzSearchPath = xzSearchPath;
    }

    /** Decodes everything in Java. */
    public static ArchiveExtractor javaOnly() {
        return new ArchiveExtractor(null);
    }

    /** Decodes .xz with the host's {@code xz} when it is on {@code searchPath} (faster than Java), else in Java. */
    public static ArchiveExtractor withHostXz(String searchPath) {
        return new ArchiveExtractor(HostPath.orSystem(searchPath));
    }

    /** Symbolic links to absolute paths that extraction left out, as "entry -> target". */
    public List<String> skippedLinks() {
        return List.copyOf(skippedLinks);
    }

    /** Entries whose setuid/setgid bits extraction dropped, as "entry (setuid)". */
    public List<String> droppedBits() {
        return List.copyOf(droppedBits);
    }

    /** The suffixes {@link #extract} understands, for messages. */
    public static final String KNOWN_SUFFIXES = ".tar.gz (.tgz), .tar.xz (.txz), .tar.bz2 (.tbz2), .tar.zst (.tzst), "
            + ".tar or .zip";

    public static boolean isArchive(String fileName) {
        try {
            Format.of(fileName);
            return true;
        } catch (FirmwareException e) {
            return false;
        }
    }

    /**
     * Extracts {@code archive} (named {@code fileName}) into {@code target}, dropping the first path
     * component of every entry when {@code stripTop} is set.
     */
    public void extract(Path archive, String fileName, Path target, boolean stripTop)
            throws IOException, FirmwareException {
        Format format = Format.of(fileName);
        Files.createDirectories(target);
        Writer writer = new Writer(target, fileName);
        writer.skippedLinks = skippedLinks;
        writer.droppedBits = droppedBits;
        try {
            if (format == Format.ZIP) {
                extractZip(archive, writer, stripTop);
            } else {
                try (InputStream in = decoded(archive, format, fileName);
                        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    TarArchiveEntry e;
                    while ((e = nextTarEntry(tar, fileName)) != null) {
                        writer.tarEntry(e, tar, stripTop);
                    }
                }
            }
            writer.finish();
        } catch (EOFException e) {
            throw new FirmwareException("Archive " + fileName + " is truncated (ended inside "
                    + (writer.lastEntry == null ? "its first entry" : "entry '" + writer.lastEntry + "'")
                    + "); delete it from the download cache and fetch again", e);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw diskFull(fileName, writer.lastEntry, target, e);
            }
            throw e;
        }
    }

    /** Whether an I/O failure is the file system running out of space (ENOSPC or EDQUOT). */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static FirmwareException diskFull(String fileName, String entry, Path target, IOException e) {
        return new FirmwareException("The disk is full: extracting " + fileName + " stopped at entry '"
                + (entry == null ? "(the first)" : entry) + "' while writing into " + target + " (" + e.getMessage()
                + "). Nothing half-extracted was kept. Free space on that file system (or point <cacheDir> at "
                + "a larger one) and run the build again", e);
    }

    /** Copies one member of an archive (a tarball inside a tarball) to {@code out}. */
    public void extractMember(Path archive, String fileName, String member, Path out)
            throws IOException, FirmwareException {
        Format format = Format.of(fileName);
        if (format == Format.ZIP) {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                Enumeration<ZipArchiveEntry> entries = zip.getEntries();
                List<String> names = new ArrayList<>();
                while (entries.hasMoreElements()) {
                    ZipArchiveEntry e = entries.nextElement();
                    names.add(e.getName());
                    if (matchesMember(e.getName(), member)) {
                        try (InputStream in = zip.getInputStream(e)) {
                            copyMember(in, fileName, e.getName(), out);
                        }
                        return;
                    }
                }
                throw noMember(fileName, member, names);
            }
        }
        try (InputStream in = decoded(archive, format, fileName); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            List<String> names = new ArrayList<>();
            while ((e = nextTarEntry(tar, fileName)) != null) {
                if (names.size() < 20) {
                    names.add(e.getName());
                }
                if (e.isFile() && matchesMember(e.getName(), member)) {
                    copyMember(tar, fileName, e.getName(), out);
                    return;
                }
            }
            throw noMember(fileName, member, names);
        } catch (EOFException e) {
            throw new FirmwareException("Archive " + fileName + " is truncated; delete it from the download cache", e);
        }
    }

    /** Copies the member's bytes to {@code out}; a full disk says so, naming the member. */
    private static void copyMember(InputStream in, String fileName, String entry, Path out) throws IOException,
            FirmwareException {
        try {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw diskFull(fileName, entry, out, e);
            }
            throw e;
        }
    }

    private static boolean matchesMember(String entryName, String member) {
        String n = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        int slash = n.indexOf('/');
        return n.equals(member) || (slash > 0 && n.substring(slash + 1).equals(member));
    }

    private static FirmwareException noMember(String fileName, String member, List<String> names) {
        return new FirmwareException("Archive " + fileName + " has no member '" + member + "' (first entries: "
                + String.join(", ", names) + ")");
    }

    private static TarArchiveEntry nextTarEntry(TarArchiveInputStream tar, String fileName)
            throws IOException, FirmwareException {
        try {
            return tar.getNextEntry();
        } catch (EOFException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            if (e.getCause() instanceof EOFException eof) {
                throw eof;
            }
            throw new FirmwareException("Archive " + fileName + " is corrupt: " + e.getMessage()
                    + "; delete it from the download cache and fetch again", e);
        }
    }

    private InputStream decoded(Path archive, Format format, String name) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        switch (format) {
            case TAR:
                return raw;
            case TAR_GZ:
                return new DecodingPipe(new GZIPInputStream(raw, 1 << 16), name);
            case TAR_BZ2:
                return new DecodingPipe(new BZip2CompressorInputStream(raw, true), name);
            case TAR_ZST:
                return new DecodingPipe(new ZstdInputStream(raw), name);
            case TAR_XZ:
                Path xz = xzSearchPath != null ? HostPath.which("xz", xzSearchPath) : null;
                if (xz != null) {
                    raw.close();
                    // The pipe's queue lets xz run ahead while this thread waits on file system calls.
                    return new DecodingPipe(new HostDecoder(List.of(xz.toString(), "-dc", "-T0", "--",
                            archive.toString())), name);
                }
                return new DecodingPipe(new XZInputStream(raw), name);
            default:
                raw.close();
                throw new IllegalStateException(format.toString());
        }
    }

    private static void extractZip(Path archive, Writer writer, boolean stripTop) throws IOException, FirmwareException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    writer.zipEntry(e, in, stripTop);
                }
            }
        }
    }

    /** Writes entries under one root, keeping track of what is known to be a real directory. */
    private static final class Writer {
        private List<String> skippedLinks = new ArrayList<>();
        private List<String> droppedBits = new ArrayList<>();
        /** Symbolic links made, with their entry names: checked again once every entry is written. */
        private final java.util.Map<Path, String> links = new java.util.LinkedHashMap<>();
        private final Path root;
        private final String archiveName;
        private final Set<Path> realDirs = new HashSet<>();
        private final List<Object[]> dirTimes = new ArrayList<>();
        private final byte[] buffer = new byte[1 << 16];
        String lastEntry;

        Writer(Path root, String archiveName) {
            this.root = root.toAbsolutePath().normalize();
            this.archiveName = archiveName;
            realDirs.add(this.root);
        }

        void tarEntry(TarArchiveEntry e, InputStream content, boolean stripTop) throws IOException, FirmwareException {
            String name = e.getName();
            lastEntry = name;
            if (e.isGlobalPaxHeader() || e.isPaxHeader() || e.isGNULongNameEntry() || e.isGNULongLinkEntry()) {
                return;
            }
            Path dest = resolve(name, stripTop);
            if (dest == null) {
                return;
            }
            if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                throw special(name, e.isFIFO() ? "a FIFO" : e.isBlockDevice() ? "a block device node"
                        : "a character device node");
            }
            dropBits(name, e.getMode());
            if (e.isDirectory()) {
                directory(dest, name);
                dirTimes.add(new Object[] {dest, e.getModTime()});
                setMode(dest, e.getMode() | 0700);
            } else if (e.isSymbolicLink()) {
                symlink(dest, name, e.getLinkName());
            } else if (e.isLink()) {
                Path linkTarget;
                try {
                    linkTarget = resolve(e.getLinkName(), stripTop);
                } catch (FirmwareException bad) {
                    throw refuse(name, "is a hard link to " + e.getLinkName() + ", outside the tree");
                }
                hardLink(dest, name, linkTarget, e.getLinkName());
            } else if (e.isFile()) {
                file(dest, name, content, e.getMode(), e.getModTime());
            } else {
                throw special(name, "of a tar entry type that is neither file, directory nor link");
            }
        }

        /** Device nodes and FIFOs have no place in a source tree (and as root extraction would make them). */
        private FirmwareException special(String entry, String what) {
            return new FirmwareException("Refusing to extract " + archiveName + ": entry '" + entry + "' is " + what
                    + ", which a source tree may not hold. The archive is not a source archive, or is hostile; "
                    + "nothing of it was kept");
        }

        /** setuid/setgid would survive into a rootfs or a tool run as root: dropped, and said. */
        private void dropBits(String entry, int mode) {
            if ((mode & 06000) != 0) {
                droppedBits.add(entry + " (" + ((mode & 04000) != 0 && (mode & 02000) != 0 ? "setuid and setgid"
                        : (mode & 04000) != 0 ? "setuid" : "setgid") + ")");
            }
        }

        void zipEntry(ZipArchiveEntry e, InputStream content, boolean stripTop) throws IOException, FirmwareException {
            String name = e.getName();
            lastEntry = name;
            Path dest = resolve(name, stripTop);
            if (dest == null) {
                return;
            }
            int mode = e.getUnixMode();
            int type = mode & 0170000;
            if (type == 0010000 || type == 0020000 || type == 0060000) {
                throw special(name, type == 0010000 ? "a FIFO" : type == 0060000 ? "a block device node"
                        : "a character device node");
            }
            dropBits(name, mode);
            if (e.isDirectory()) {
                directory(dest, name);
            } else if (e.isUnixSymlink()) {
                symlink(dest, name, new String(content.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                file(dest, name, content, mode == 0 ? 0644 : mode, new java.util.Date(e.getTime()));
            }
        }

        void finish() throws IOException, FirmwareException {
            // Each link was checked alone when made; a later link can change where an earlier one leads
            // (b -> a/.. is harmless until a becomes a link), so every link is resolved again through
            // the finished tree.
            if (!links.isEmpty()) {
                TreePaths paths = new TreePaths(root);
                for (java.util.Map.Entry<Path, String> l : links.entrySet()) {
                    if (!Files.isSymbolicLink(l.getKey())) {
                        continue; // replaced by a later entry
                    }
                    TreePaths.Escape out = paths.check(l.getKey());
                    if (out != null) {
                        throw refuse(l.getValue(), "is a symbolic link to " + Files.readSymbolicLink(l.getKey())
                                + " that, followed through the tree, " + out.getMessage().replaceFirst("^'[^']*' ", ""));
                    }
                }
            }
            // Directory times last: writing their files changed them.
            for (int i = dirTimes.size() - 1; i >= 0; i--) {
                Path d = (Path) dirTimes.get(i)[0];
                java.util.Date t = (java.util.Date) dirTimes.get(i)[1];
                if (t != null && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setLastModifiedTime(d, FileTime.fromMillis(t.getTime()));
                }
            }
        }

        /** The destination of an entry name, or null for the stripped top directory itself. */
        private Path resolve(String name, boolean stripTop) throws FirmwareException {
            if (name.startsWith("/") || name.matches("^[A-Za-z]:[\\\\/].*")) {
                throw refuse(name, "has an absolute path");
            }
            List<String> parts = new ArrayList<>();
            for (String p : name.replace('\\', '/').split("/")) {
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..")) {
                    throw refuse(name, "climbs out with '..'");
                }
                parts.add(p);
            }
            if (stripTop) {
                if (parts.size() <= 1) {
                    return null;
                }
                parts = parts.subList(1, parts.size());
            } else if (parts.isEmpty()) {
                return null;
            }
            return root.resolve(String.join("/", parts));
        }

        private FirmwareException refuse(String entry, String why) {
            return new FirmwareException("Refusing to extract " + archiveName + ": entry '" + entry + "' " + why
                    + " and would land outside the source tree. The archive is hostile or broken; nothing was "
                    + "written outside " + root);
        }

        /** Makes the parent directories, refusing to go through a symbolic link. */
        private void parents(Path dest, String entry) throws IOException, FirmwareException {
            Path parent = dest.getParent();
            if (realDirs.contains(parent)) {
                return;
            }
            List<Path> missing = new ArrayList<>();
            for (Path p = parent; !realDirs.contains(p); p = p.getParent()) {
                missing.add(p);
            }
            for (int i = missing.size() - 1; i >= 0; i--) {
                Path p = missing.get(i);
                if (Files.isSymbolicLink(p)) {
                    throw refuse(entry, "goes through the symbolic link " + root.relativize(p));
                }
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(p);
                }
                realDirs.add(p);
            }
        }

        private void directory(Path dest, String entry) throws IOException, FirmwareException {
            parents(dest, entry);
            if (Files.isSymbolicLink(dest)) {
                throw refuse(entry, "is a directory where the archive put a symbolic link");
            }
            if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(dest);
                Files.createDirectory(dest);
            }
            realDirs.add(dest);
        }

        private void file(Path dest, String entry, InputStream content, int mode, java.util.Date mtime)
                throws IOException, FirmwareException {
            parents(dest, entry);
            OutputStream opened;
            try {
                // NOFOLLOW: an existing symbolic link makes the open fail instead of being written through;
                // no lstat first, which costs a system call for each of 80,000 files.
                opened = Files.newOutputStream(dest, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                if (!Files.isSymbolicLink(dest)) {
                    throw e;
                }
                // Replacing the link (not writing through it) is what tar does.
                Files.delete(dest);
                opened = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            try (OutputStream out = opened) {
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
            setMode(dest, mode);
            if (mtime != null) {
                Files.setLastModifiedTime(dest, FileTime.fromMillis(mtime.getTime()));
            }
        }

        private void symlink(Path dest, String entry, String target) throws IOException, FirmwareException {
            parents(dest, entry);
            if (target.startsWith("/")) {
                // Left out rather than refused: edk2's release tarballs carry one (EmulatorPkg's
                // X11IncludeHack -> /opt/X11) that no firmware build needs; the tree still points
                // nowhere outside itself, and an entry under the name later becomes a plain directory inside.
                skippedLinks.add(entry + " -> " + target);
                return;
            }
            Path resolved = dest.getParent().resolve(target).normalize();
            if (!resolved.startsWith(root)) {
                throw refuse(entry, "is a symbolic link to " + target + ", outside the tree");
            }
            if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(entry, "is a symbolic link where the archive made a directory");
            }
            Files.deleteIfExists(dest);
            Files.createSymbolicLink(dest, Paths.get(target));
            links.put(dest, entry);
        }

        private void hardLink(Path dest, String entry, Path target, String targetName)
                throws IOException, FirmwareException {
            parents(dest, entry);
            if (target == null || !target.startsWith(root)) {
                throw refuse(entry, "is a hard link to " + targetName + ", outside the tree");
            }
            // The target must be something this archive already wrote inside the tree, and not
            // reached through a symbolic link.
            parents(target, entry);
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(entry, "is a hard link to " + targetName + ", which is not a file extracted earlier");
            }
            if (dest.normalize().equals(target.normalize())) {
                // A link to itself (kexec-tools' tarballs have them): the file is already in place, as GNU tar
                // treats it.
                return;
            }
            Files.deleteIfExists(dest);
            try {
                Files.createLink(dest, target);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("cannot link " + dest, e);
            }
        }

        private static void setMode(Path p, int mode) throws IOException {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            // Owner may always read and write: the tree must stay deletable and patchable.
            int m = (mode & 0777) | 0600;
            if (m == 0644) {
                return; // what the umask-022 default already gave the new file
            }
            for (int i = 0; i < 9; i++) {
                if ((m & (1 << i)) != 0) {
                    perms.add(order[i]);
                }
            }
            Files.setPosixFilePermissions(p, perms);
        }
    }
}
