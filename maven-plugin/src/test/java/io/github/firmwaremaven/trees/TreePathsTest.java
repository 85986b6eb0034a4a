package io.github.firmwaremaven.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreePathsTest {
    @TempDir
    Path tmp;

    Path tree;
    TreePaths paths;

    @BeforeEach
    void tree() throws Exception {
        tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("include/linux"));
        Files.writeString(tree.resolve("include/linux/x.h"), "x\n");
        paths = new TreePaths(tree);
    }

    void link(String name, String target) throws Exception {
        Files.createDirectories(tree.resolve(name).getParent());
        Files.createSymbolicLink(tree.resolve(name), Path.of(target));
    }

    @Test
    void followsAChainOfRelativeLinksThatStaysInside() throws Exception {
        link("inc", "include/linux");
        link("alias", "inc");
        link("deep/ptr", "../alias");
        Path real = tree.toRealPath();
        assertEquals(real.resolve("include/linux/x.h"), paths.resolve("deep/ptr/x.h", true));
        assertEquals(real.resolve("include/linux"), paths.resolve("deep/ptr", true));
        assertEquals(real.resolve("deep/ptr"), paths.resolve("deep/ptr", false), "the last name is kept unfollowed");
        assertEquals(real.resolve("include"), paths.resolve("deep/ptr/..", true), "'..' after a link is the link target's parent");
        assertNull(paths.firstEscapingLink());
    }

    @Test
    void aLinkChainThatLexicallyStaysInsideButClimbsOutIsAnEscapeNamingTheLink() throws Exception {
        link("a/l1", "..");
        link("a/l2", "l1/..");
        link("a/l3", "l2/..");
        assertEquals(tree.toRealPath(), paths.resolve("a/l1", true));
        TreePaths.Escape e = assertThrows(TreePaths.Escape.class, () -> paths.resolve("a/l3/etc/passwd", true));
        assertEquals("a/l1", e.link(), e.getMessage());
        assertTrue(e.getMessage().contains("leads above the tree through the symbolic link 'a/l1'"), e.getMessage());
        TreePaths.Escape first = paths.firstEscapingLink();
        assertTrue(first != null && (first.path().equals("a/l2") || first.path().equals("a/l3")), String.valueOf(first));
    }

    @Test
    void absoluteTargetsLoopsAndPlainDotDotAreEscapes() throws Exception {
        link("abs", tmp.toString());
        link("x", "y");
        link("y", "x");
        assertTrue(assertThrows(TreePaths.Escape.class, () -> paths.resolve("abs/f", true)).getMessage()
                .contains("absolute path"));
        assertTrue(assertThrows(TreePaths.Escape.class, () -> paths.resolve("x", true)).getMessage()
                .contains("more than 40 symbolic links"));
        assertTrue(assertThrows(TreePaths.Escape.class, () -> paths.resolve("include/../../f", true)).getMessage()
                .contains("climbs above the tree"));
        assertThrows(TreePaths.Escape.class, () -> paths.resolve("/etc", true));
        // Not followed when last: a writer replaces the link itself.
        assertEquals(tree.toRealPath().resolve("abs"), paths.forWriting("abs"));
    }

    @Test
    void createDirectoriesGoesThroughInsideLinksAndNeverOutside() throws Exception {
        Path canary = Files.createDirectories(tmp.resolve("canary"));
        link("inc", "include");
        link("out", "include/../..");
        assertEquals(tree.toRealPath().resolve("include/new/dir"), paths.createDirectories("inc/new/dir"));
        assertTrue(Files.isDirectory(tree.resolve("include/new/dir")));
        assertThrows(TreePaths.Escape.class, () -> paths.createDirectories("out/canary/made"));
        assertFalse(Files.exists(canary.resolve("made")));
        assertEquals("out", paths.firstEscapingLink().path());
    }
}
