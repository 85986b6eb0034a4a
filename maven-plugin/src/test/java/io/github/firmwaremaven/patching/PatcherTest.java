package io.github.firmwaremaven.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatcherTest {
    @TempDir
    Path tmp;

    @Test
    void namesTheFilesOfUnifiedAndGitDiffsAsPatchP1Would() {
        Set<String> names = Patcher.targets("diff --git a/x/y.c b/x/y.c\n--- a/x/y.c\t2020-01-01\n+++ b/x/y.c\n"
                + "@@ -1 +1 @@\n-a\n+b\ndiff --git a/old b/new\nrename from old\nrename to new\n--- /dev/null\n"
                + "+++ b/made/new.h\n");
        assertEquals(List.of("x/y.c", "old", "new", "made/new.h"), List.copyOf(names));
    }

    @Test
    void aPatchThroughALinkThatLeavesTheTreeIsRefusedBeforePatchRuns() throws Exception {
        // A tree from elsewhere (an override, an older cache) holding a link chain out of it.
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Path canary = Files.createDirectories(tmp.resolve("canary"));
        Files.writeString(canary.resolve("f"), "old\n");
        Files.createDirectories(tree.resolve("a"));
        Files.createSymbolicLink(tree.resolve("a/l1"), Path.of(".."));
        Files.createSymbolicLink(tree.resolve("a/l2"), Path.of("l1/.."));
        Path patch = Files.createDirectories(tmp.resolve("patches/evil")).resolve("0001-evil.patch");
        Files.writeString(patch, "--- a/a/l2/canary/f\n+++ b/a/l2/canary/f\n@@ -1 +1 @@\n-old\n+new\n");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new Patcher().apply("evil", PatchSet.find(patch.getParent().getFileName().toString(), null, List.of(tmp.resolve("patches"))), tree));
        assertTrue(e.getMessage().contains("0001-evil.patch") && e.getMessage().contains("source 'evil'")
                && e.getMessage().contains("'a/l2/canary/f'") && e.getMessage().contains("outside the tree"),
                e.getMessage());
        assertEquals("old\n", Files.readString(canary.resolve("f")));
    }

    @Test
    void aPatchThroughALinkInsideTheTreeApplies() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("real"));
        Files.writeString(tree.resolve("real/f"), "old\n");
        Files.createSymbolicLink(tree.resolve("via"), Path.of("real"));
        Path patch = Files.createDirectories(tmp.resolve("patches/ok")).resolve("0001-ok.patch");
        Files.writeString(patch, "--- a/via/f\n+++ b/via/f\n@@ -1 +1 @@\n-old\n+new\n");
        new Patcher().apply("ok", PatchSet.find(patch.getParent().getFileName().toString(), null, List.of(tmp.resolve("patches"))), tree);
        assertEquals("new\n", Files.readString(tree.resolve("real/f")));
    }
}
