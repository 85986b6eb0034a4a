package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step declared shared: built once, restored elsewhere byte for byte, and never restored from an edited entry. */
class SharedStepTest {
    @TempDir
    Path dir;

    final AtomicInteger runs = new AtomicInteger();
    final RecordingLog log = new RecordingLog();

    private StepMachine machine(String board, Manifest.Check check) {
        return StepMachine.forBuildArea(dir.resolve(board).resolve("firmware"), BuildTimestamp.of(1_700_000_000L), log)
                .sharingThrough(new BuildCache(dir.resolve("cache")), check);
    }

    /** A tree output (with a link and an executable) and a file output, placed under the board. */
    private Step step(String board, boolean restore) {
        Path tree = dir.resolve(board).resolve("install");
        Path file = dir.resolve(board).resolve("image/Image");
        return Step.named("pkg-install")
                .inputs(fp -> fp.param("configure", "--static"))
                .output(tree)
                .output(file)
                .shared("rootfs", restore)
                .action(ctx -> {
                    runs.incrementAndGet();
                    Files.createDirectories(tree.resolve("bin"));
                    Path tool = Files.writeString(tree.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
                    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.createSymbolicLink(tree.resolve("bin/alias"), Path.of("tool"));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "kernel image bytes");
                })
                .build();
    }

    /** The same work under another id (a guest kernel's step), shared under the first one's name. */
    private Step role(String board, String id, String sharedName) {
        Path file = dir.resolve(board).resolve(id + "/Image");
        Step.Builder b = Step.named(id).inputs(fp -> fp.param("config", "tinyconfig")).output(file)
                .action(ctx -> {
                    runs.incrementAndGet();
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "kernel image bytes");
                });
        return (sharedName == null ? b.shared("kernel", true) : b.shared("kernel", sharedName, true)).build();
    }

    @Test
    void aRoleSharedUnderAnotherStepsNameRestoresThatStepsOutputsInTheSameBuild() throws Exception {
        StepMachine m = machine("a", Manifest.Check.CHEAP);
        assertEquals(StepResult.Outcome.RAN, m.run(role("a", "kernel-build", "kernel-build")).outcome());
        assertEquals(StepResult.Outcome.RESTORED, m.run(role("a", "kernel-guest-build", "kernel-build")).outcome());
        assertEquals(1, runs.get());
        assertEquals("kernel image bytes", Files.readString(dir.resolve("a/kernel-guest-build/Image")));
        // Under its own id, the same inputs are another entry: built again.
        assertEquals(StepResult.Outcome.RAN, m.run(role("a", "kernel-other-build", null)).outcome());
        assertEquals(2, runs.get());
    }

    private static List<String> listing(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p) + (Files.isSymbolicLink(p) ? " -> " + read(p)
                    : Files.isRegularFile(p) ? " " + sha(p) + (Files.isExecutable(p) ? " x" : "") : "/"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String sha(Path file) {
        try {
            return Digests.sha256(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path onlyEntry() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("cache/rootfs"))) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void anotherBoardGetsTheSameBytesAndNoBookkeepingFile() throws Exception {
        assertEquals(StepResult.Outcome.RAN, machine("a", Manifest.Check.CHEAP).run(step("a", true)).outcome());
        StepResult b = machine("b", Manifest.Check.CHEAP).run(step("b", true));
        assertEquals(StepResult.Outcome.RESTORED, b.outcome());
        assertEquals(1, runs.get(), "restored, not built again");
        assertEquals(listing(dir.resolve("a/install")), listing(dir.resolve("b/install")));
        assertEquals(Files.readString(dir.resolve("a/image/Image")), Files.readString(dir.resolve("b/image/Image")));
        assertTrue(log.contains("pkg-install: reusing the outputs built with the same inputs"), log.text());
        // Restored and then unchanged: up to date, like a step that ran.
        assertEquals(StepResult.Outcome.UP_TO_DATE, machine("b", Manifest.Check.CHEAP).run(step("b", true)).outcome());
        StepReport.Entry reported = StepReport.read(dir.resolve("b/firmware")).get(0);
        assertEquals("UP_TO_DATE", reported.outcome());
        assertEquals("restored", reported.origin(), "steps.json keeps where the outputs came from");
        assertTrue(Files.readString(dir.resolve("b/firmware/state/pkg-install.properties")).contains("restoredFrom"));
    }

    @Test
    void withoutRestoreTheStepRunsAndStillPublishes() throws Exception {
        machine("a", Manifest.Check.CHEAP).run(step("a", false));
        assertTrue(Files.isRegularFile(onlyEntry().resolve("manifest")), "published although not restored");
        assertEquals(StepResult.Outcome.RAN, machine("b", Manifest.Check.CHEAP).run(step("b", false)).outcome());
        assertEquals(2, runs.get());
    }

    @Test
    void anEditPutBackWithTouchMinusRIsSeenByTheCheapCheck() throws Exception {
        machine("a", Manifest.Check.CHEAP).run(step("a", true));
        Path cached = onlyEntry().resolve("out/0/bin/tool");
        FileTime mtime = Files.getLastModifiedTime(cached);
        Thread.sleep(20);
        Files.writeString(cached, "#!/bin/sh\necho evil\n"); // same size as before
        Files.setLastModifiedTime(cached, mtime);
        assertEquals(StepResult.Outcome.RAN, machine("b", Manifest.Check.CHEAP).run(step("b", true)).outcome());
        assertTrue(log.contains("WARN pkg-install: the build cache's copy of its outputs was changed after it was "
                + "stored (out/0/bin/tool: changed since it was stored"), log.text());
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(dir.resolve("b/install/bin/tool")));
        // The damaged entry was replaced by the fresh build's outputs.
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(onlyEntry().resolve("out/0/bin/tool")));
    }

    @Test
    void aDeletedOrAddedFileIsSeenAndNamed() throws Exception {
        machine("a", Manifest.Check.CHEAP).run(step("a", true));
        Files.delete(onlyEntry().resolve("out/0/bin/alias"));
        machine("b", Manifest.Check.CHEAP).run(step("b", true));
        assertTrue(log.contains("(out/0/bin/alias: missing)"), log.text());
        Files.writeString(onlyEntry().resolve("out/0/bin/extra"), "x");
        machine("c", Manifest.Check.CHEAP).run(step("c", true));
        assertTrue(log.contains("(out/0/bin/extra: not stored, added later)"), log.text());
        assertEquals(3, runs.get());
        assertFalse(Files.exists(dir.resolve("c/install/bin/extra")));
    }

    @Test
    void theFullCheckComparesContentAndVerifyNamesTheFile() throws Exception {
        machine("a", Manifest.Check.CHEAP).run(step("a", true));
        Path entry = onlyEntry();
        assertNull(SharedOutputs.verify(entry));
        Path manifest = entry.resolve("manifest");
        // A manifest whose digest for the image no longer fits: only the full check reads the file.
        String text = Files.readString(manifest);
        String digest = Digests.sha256(entry.resolve("out/1"));
        Files.writeString(manifest, text.replace(digest, "0".repeat(64)));
        assertEquals(StepResult.Outcome.RESTORED, machine("b", Manifest.Check.CHEAP).run(step("b", true)).outcome());
        assertTrue(SharedOutputs.verify(entry).startsWith("out/1: content changed"), SharedOutputs.verify(entry));
        assertEquals(StepResult.Outcome.RAN, machine("c", Manifest.Check.FULL).run(step("c", true)).outcome());
        assertTrue(log.contains("content changed"), log.text());
    }

    @Test
    void verifyCacheHashesEveryEntryNamesTheDamagedFileAndRemovesThatEntry() throws Exception {
        machine("a", Manifest.Check.CHEAP).run(step("a", true));
        BuildCache cache = new BuildCache(dir.resolve("cache"));
        CacheVerification.Result clean = CacheVerification.run(cache);
        assertEquals(1, clean.verified().size());
        assertTrue(clean.damaged().isEmpty());
        Path entry = onlyEntry();
        // A flipped byte that keeps the size: only hashing sees it once the stat fields are made to match.
        Path image = entry.resolve("out/1");
        String manifest = Files.readString(entry.resolve("manifest"));
        Files.writeString(image, "kernel image bytez");
        Files.writeString(entry.resolve("manifest"), manifest); // stat fields now stale too, but content decides
        CacheVerification.Result r = CacheVerification.run(cache);
        assertEquals(1, r.damaged().size());
        assertTrue(r.damaged().get(0).difference().startsWith("out/1: content changed"), r.damaged().get(0).difference());
        assertFalse(Files.exists(entry), "the damaged entry is removed");
        assertEquals(StepResult.Outcome.RAN, machine("b", Manifest.Check.CHEAP).run(step("b", true)).outcome());
    }

    /** An extracted tree, shared in place: made once, used where it is by every board. */
    private Step extract(AtomicInteger count) {
        return Step.named("source-linux")
                .inputs(fp -> fp.param("archive", "sha256:abc"))
                .timeless()
                .sharedInPlace("sources")
                .action(ctx -> {
                    count.incrementAndGet();
                    Path tree = ctx.sharedDirectory();
                    Files.createDirectories(tree.resolve("scripts"));
                    Files.writeString(tree.resolve("Makefile"), "all:\n\ttrue\n");
                    Files.writeString(tree.resolve("scripts/setlocalversion"), "echo -board\n");
                })
                .build();
    }

    private Step consumer(Path tree, String board, AtomicInteger count) {
        Path out = dir.resolve(board).resolve("kernel/config");
        return Step.named("kernel-config")
                .inputs(fp -> fp.param("source", tree.getParent().getFileName()))
                .reads(tree)
                .output(out)
                .action(ctx -> {
                    count.incrementAndGet();
                    Files.createDirectories(out.getParent());
                    Files.writeString(out, Files.readString(tree.resolve("Makefile")));
                })
                .build();
    }

    @Test
    void aStepSharedInPlaceIsMadeOnceAndUsedWhereItIs() throws Exception {
        AtomicInteger made = new AtomicInteger();
        StepResult first = machine("a", Manifest.Check.CHEAP).run(extract(made));
        assertEquals(StepResult.Outcome.RAN, first.outcome());
        assertTrue(first.directory().startsWith(dir.resolve("cache/sources")), first.directory().toString());
        assertTrue(Files.isRegularFile(first.directory().resolve("Makefile")));
        StepResult other = machine("b", Manifest.Check.CHEAP).run(extract(made));
        assertEquals(StepResult.Outcome.RESTORED, other.outcome(), "made by board a, found by board b");
        assertEquals(first.directory(), other.directory());
        assertEquals(StepResult.Outcome.UP_TO_DATE, machine("b", Manifest.Check.CHEAP).run(extract(made)).outcome());
        assertEquals(1, made.get());
        assertTrue(Files.isRegularFile(first.directory().resolveSibling("manifest")));
    }

    @Test
    void aTreeEditedInTheCacheIsMadeAgainBeforeAStepReadsIt() throws Exception {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        StepMachine m = machine("a", Manifest.Check.CHEAP);
        Path tree = m.run(extract(made)).directory();
        m.run(consumer(tree, "a", read));
        // Edited in place, then the modification time put back as touch -r does: same size, same mtime.
        Path makefile = tree.resolve("Makefile");
        FileTime mtime = Files.getLastModifiedTime(makefile);
        Thread.sleep(20);
        Files.writeString(makefile, "all:\n\tfals\n");
        Files.setLastModifiedTime(makefile, mtime);
        StepMachine next = machine("b", Manifest.Check.CHEAP);
        next.run(extract(made)); // the producer runs in this session, so the machine can make the tree again
        next.run(consumer(tree, "b", read));
        assertTrue(log.contains("kernel-config: " + tree + " in the build cache was changed after it was stored "
                + "(first difference: Makefile: changed since it was stored"), log.text());
        assertEquals(2, made.get(), "extracted again");
        assertEquals("all:\n\ttrue\n", Files.readString(dir.resolve("b/kernel/config")), "built from the fresh tree");
    }

    @Test
    void aDeletedFileInATreeWhoseProducerDidNotRunStopsTheBuildNamingIt() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Path tree = machine("a", Manifest.Check.CHEAP).run(extract(made)).directory();
        Files.delete(tree.resolve("Makefile"));
        io.github.firmwaremaven.errors.FirmwareException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.github.firmwaremaven.errors.FirmwareException.class,
                () -> machine("b", Manifest.Check.CHEAP).run(consumer(tree, "b", new AtomicInteger())));
        assertTrue(e.getMessage().contains("(first difference: Makefile: missing) and has been removed"), e.getMessage());
        assertFalse(Files.exists(tree), "the damaged tree is gone, so the next build makes it again");
        assertEquals(StepResult.Outcome.RAN, machine("c", Manifest.Check.CHEAP).run(extract(made)).outcome());
    }
}
