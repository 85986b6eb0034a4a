package io.github.firmwaremaven.edk2;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The workspace and source tree as an EDK2 build sees them: through two links under
 * {@code <root>/firmware-edk2-<key>/}, a path that depends on what is built and not on where.
 *
 * <p>EDK2 writes build paths into the images: GenFw puts each module's {@code .dll} path in its
 * CodeView entry (AArch64 keeps the string; X64 zeroes it but keeps its length, which moves what
 * follows), and DEBUG builds keep {@code __FILE__} for ASSERT. So the same board built in two
 * directories gave different bytes. The links are held under a lock for the whole build, so two
 * builds of the same key on one machine take turns instead of retargeting each other's links.
 */
final class StableWorkspace implements AutoCloseable {
    private final Path dir;
    private final PathLocks.Held lock;
    private boolean closed;

    private StableWorkspace(Path dir, PathLocks.Held lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Points {@code ws} at {@code workspace} and {@code src} at {@code source}. A directory of that
     * name owned by another user (shared /tmp) is left alone: this user gets one suffixed by its name.
     */
    static StableWorkspace open(Path root, String key, Path workspace, Path source)
            throws IOException, FirmwareException {
        Files.createDirectories(workspace);
        String me = Files.getOwner(workspace).getName();
        Path dir = root.resolve("firmware-edk2-" + key);
        if (!usable(dir, workspace)) {
            Path mine = root.resolve("firmware-edk2-" + key + "-" + me);
            if (!usable(mine, workspace)) {
                throw new FirmwareException("EDK2 build: neither " + dir + " nor " + mine
                        + " can hold this build's stable links (another user's, or not a directory); remove them");
            }
            dir = mine;
        }
        PathLocks.Held lock = PathLocks.acquire(dir.resolve("lock"));
        try {
            link(dir.resolve("ws"), workspace);
            link(dir.resolve("src"), source);
            return new StableWorkspace(dir, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Missing (then made, private to this user), or a real directory of the workspace's owner. */
    private static boolean usable(Path dir, Path workspace) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // made by a concurrent build: judged below like any existing one
            }
        }
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(workspace));
    }

    private static void link(Path link, Path target) throws IOException {
        if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
            TreeDelete.delete(link);
        } else {
            Files.deleteIfExists(link);
        }
        Files.createSymbolicLink(link, target.toAbsolutePath().normalize());
    }

    /** WORKSPACE for the build. */
    Path workspace() {
        return dir.resolve("ws");
    }

    /** PACKAGES_PATH for the build. */
    Path source() {
        return dir.resolve("src");
    }

    /** Releases the lock (once); the links stay (the next build of the key re-points them). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }
}
