package io.github.firmwaremaven.edk2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableWorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void twoCheckoutsOfOneBoardSeeTheSamePaths() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tmp"));
        Path a = Files.createDirectories(dir.resolve("one/target/workspace"));
        Path b = Files.createDirectories(dir.resolve("elsewhere/much/longer/target/workspace"));
        Path srcA = Files.createDirectories(dir.resolve("cache-a/edk2"));
        Path srcB = Files.createDirectories(dir.resolve("cache-b/edk2"));
        Files.writeString(a.resolve("marker"), "a");
        Files.writeString(b.resolve("marker"), "b");
        Path wsA;
        try (StableWorkspace s = StableWorkspace.open(root, "0123456789abcdef", a, srcA)) {
            wsA = s.workspace();
            assertEquals("a", Files.readString(s.workspace().resolve("marker")));
            assertEquals(srcA, s.source().toRealPath());
        }
        try (StableWorkspace s = StableWorkspace.open(root, "0123456789abcdef", b, srcB)) {
            assertEquals(wsA, s.workspace());
            assertEquals("b", Files.readString(s.workspace().resolve("marker")));
            assertEquals(srcB, s.source().toRealPath());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("firmware-edk2-0123456789abcdef"))));
    }

    @Test
    void aSecondBuildOfTheKeyWaitsUntilTheFirstIsDone() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tmp"));
        Path a = Files.createDirectories(dir.resolve("a/workspace"));
        Path b = Files.createDirectories(dir.resolve("b/workspace"));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();
        AtomicBoolean secondSawFirstDone = new AtomicBoolean();
        try (StableWorkspace first = StableWorkspace.open(root, "k", a, dir)) {
            Thread second = new Thread(() -> {
                entered.countDown();
                try (StableWorkspace s = StableWorkspace.open(root, "k", b, dir)) {
                    secondSawFirstDone.set(firstDone.get());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            second.start();
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            Thread.sleep(300);
            // Still ours while we hold it.
            assertEquals(a, first.workspace().toRealPath());
            firstDone.set(true);
            first.close();
            second.join(10_000);
            assertFalse(second.isAlive());
        }
        assertTrue(secondSawFirstDone.get(), "the second build re-pointed the links while the first ran");
    }

    @Test
    void leftoversFromAKilledBuildAreReplaced() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.createDirectories(root.resolve("firmware-edk2-k"));
        Files.createDirectories(stale.resolve("ws/Build"));           // a directory where a link belongs
        Files.createSymbolicLink(stale.resolve("src"), dir.resolve("gone")); // a dangling link
        Path ws = Files.createDirectories(dir.resolve("w"));
        try (StableWorkspace s = StableWorkspace.open(root, "k", ws, dir)) {
            assertTrue(Files.isSymbolicLink(s.workspace()));
            assertEquals(ws, s.workspace().toRealPath());
            assertEquals(dir.toRealPath(), s.source().toRealPath());
        }
    }

    @Test
    void aFileInTheWayMakesAPerUserDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(root.resolve("firmware-edk2-k"), "not a directory");
        Path ws = Files.createDirectories(dir.resolve("w"));
        String me = Files.getOwner(ws).getName();
        try (StableWorkspace s = StableWorkspace.open(root, "k", ws, dir)) {
            assertEquals(root.resolve("firmware-edk2-k-" + me + "/ws"), s.workspace());
            assertTrue(Files.isDirectory(s.workspace(), LinkOption.NOFOLLOW_LINKS) == false);
        }
    }
}
