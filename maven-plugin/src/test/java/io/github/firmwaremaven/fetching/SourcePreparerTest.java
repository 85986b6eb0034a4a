package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.archives.ArchiveExtractor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.fetching.Commands.CommandFailed;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePreparerTest {
    @TempDir
    Path tmp;

    TestServer server;
    RecordingLog log = new RecordingLog();
    byte[] archive;
    Path patches;
    Path global;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("hello.c", "int main(void)\n{\n\treturn 0;\n}\n");
        files.put("Makefile", "all:\n\tcc hello.c\n");
        archive = Fixtures.tarGz("hello-1.0", files);
        server.files.put("hello-1.0.tar.gz", archive);
        patches = tmp.resolve("board/patches");
        global = tmp.resolve("global-patches");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    SourcePreparer preparer(FetchOptions o) {
        return new SourcePreparer(o, Fixtures.steps(tmp.resolve("cache/build"), log), List.of(patches, global),
                ArchiveExtractor.withHostXz(null), log);
    }

    FetchOptions online() {
        return FetchOptions.defaults(tmp.resolve("cache/downloads"));
    }

    SourceSpec hello() throws Exception {
        return SourceSpec.builder("hello").version("1.0").url(server.url("hello-1.0.tar.gz"))
                .sha256(Fixtures.sha256(archive)).license("MIT").build();
    }

    void patch(Path dir, String name, String from, String to) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), "--- a/hello.c\n+++ b/hello.c\n@@ -1,4 +1,4 @@\n int main(void)\n {\n-\t"
                + from + "\n+\t" + to + "\n }\n");
    }

    @Test
    void preparesAPatchedTreeAndRegistersItForLaterGoals() throws Exception {
        patch(patches.resolve("hello"), "0001-exit-1.patch", "return 0;", "return 1;");
        patch(patches.resolve("hello"), "0002-exit-2.patch", "return 1;", "return 2;");
        Path area = tmp.resolve("target/firmware");
        preparer(online()).prepare(List.of(hello()), area);
        SourceRegistry r = SourceRegistry.read(area);
        assertTrue(Files.readString(r.tree("hello").resolve("hello.c")).contains("return 2;"));
        assertEquals(64, r.fingerprint("hello").length());
        FirmwareException e = assertThrows(FirmwareException.class, () -> r.tree("linux"));
        assertTrue(e.getMessage().contains("'linux'") && e.getMessage().contains("fetch-sources"), e.getMessage());
    }

    @Test
    void aSecondBoardReusesTheExtractedTree() throws Exception {
        preparer(online()).prepare(List.of(hello()), tmp.resolve("a"));
        preparer(online()).prepare(List.of(hello()), tmp.resolve("b"));
        assertEquals(SourceRegistry.read(tmp.resolve("a")).tree("hello"), SourceRegistry.read(tmp.resolve("b")).tree("hello"));
        assertEquals(1, log.lines.stream().filter(l -> l.contains("Prepared source 'hello'")).count());
    }

    @Test
    void aSharedTreeEmptiedAfterPreparationIsPreparedAgain() throws Exception {
        preparer(online()).prepare(List.of(hello()), tmp.resolve("a"));
        Path tree = SourceRegistry.read(tmp.resolve("a")).tree("hello");
        // What a recursive delete that followed kbuild's "source" link into the shared tree leaves.
        try (java.util.stream.Stream<Path> files = Files.list(tree)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        preparer(online()).prepare(List.of(hello()), tmp.resolve("b"));
        assertTrue(Files.isRegularFile(SourceRegistry.read(tmp.resolve("b")).tree("hello").resolve("hello.c")));
        assertEquals(2, log.lines.stream().filter(l -> l.contains("Prepared source 'hello'")).count());
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("in the build cache is empty") && l.contains("making it again")),
                String.join("\n", log.lines));
    }

    @Test
    void aPatchThatDoesNotApplyNamesPatchFileAndHunkAndLeavesNoTree() throws Exception {
        patch(patches.resolve("hello"), "0001-bad.patch", "return 42;", "return 1;");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(List.of(hello()), tmp.resolve("t")));
        assertTrue(e.getMessage().contains("0001-bad.patch"), e.getMessage());
        assertTrue(e.getMessage().contains("hello.c"), e.getMessage());
        assertTrue(e.getMessage().contains("Hunk #1 FAILED"), e.getMessage());
        try (Stream<Path> s = Files.list(tmp.resolve("cache/build/sources"))) {
            assertEquals(List.of(), s.filter(Files::isDirectory).toList());
        }
    }

    @Test
    void aChangedPatchRecreatesTheTree() throws Exception {
        patch(patches.resolve("hello"), "0001-exit.patch", "return 0;", "return 1;");
        preparer(online()).prepare(List.of(hello()), tmp.resolve("t"));
        SourceRegistry first = SourceRegistry.read(tmp.resolve("t"));
        patch(patches.resolve("hello"), "0001-exit.patch", "return 0;", "return 7;");
        preparer(online()).prepare(List.of(hello()), tmp.resolve("t"));
        SourceRegistry second = SourceRegistry.read(tmp.resolve("t"));
        assertNotEquals(first.fingerprint("hello"), second.fingerprint("hello"));
        assertTrue(Files.readString(second.tree("hello").resolve("hello.c")).contains("return 7;"));
        assertTrue(Files.readString(first.tree("hello").resolve("hello.c")).contains("return 1;"),
                "the old tree is untouched (another board may use it)");
    }

    @Test
    void perVersionPatchesWinAndTheGlobalPatchDirComesAfter() throws Exception {
        patch(patches.resolve("hello"), "0001-ignored.patch", "return 0;", "return 9;");
        patch(patches.resolve("hello/1.0"), "0001-exit.patch", "return 0;", "return 1;");
        patch(global.resolve("hello"), "0001-global.patch", "return 1;", "return 3;");
        preparer(online()).prepare(List.of(hello()), tmp.resolve("t"));
        assertTrue(Files.readString(SourceRegistry.read(tmp.resolve("t")).tree("hello").resolve("hello.c"))
                .contains("return 3;"));
    }

    @Test
    void offlineMissListsEveryMissingFileAtOnce() throws Exception {
        SourceSpec other = SourceSpec.builder("other").url(server.url("other-2.tar.xz")).sha256("a".repeat(64)).build();
        FirmwareException e = assertThrows(FirmwareException.class, () -> preparer(online().withOffline(true))
                .prepare(List.of(hello(), other), tmp.resolve("t")));
        assertTrue(e.getMessage().contains("lacks 2 source file(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("hello-1.0.tar.gz") && e.getMessage().contains("other-2.tar.xz"));
        assertEquals(0, server.gets.get());
        preparer(online()).fetchAll(List.of(hello()));
        preparer(online().withOffline(true)).prepare(List.of(hello()), tmp.resolve("t"));
        assertTrue(Files.isDirectory(SourceRegistry.read(tmp.resolve("t")).tree("hello")));
    }

    @Test
    void fileSourcesAndNestedMembersAndSourcesPlacedIntoAnotherTree() throws Exception {
        byte[] inner = Fixtures.tarGz("inner-2", Map.of("inner.txt", "inner\n"));
        byte[] wrapper;
        {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            try (var gz = new java.util.zip.GZIPOutputStream(b);
                    var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("wrap-2/inner-2.tar.gz");
                e.setSize(inner.length);
                tar.putArchiveEntry(e);
                tar.write(inner);
                tar.closeArchiveEntry();
            }
            wrapper = b.toByteArray();
        }
        server.files.put("wrap-2.tar.gz", wrapper);
        byte[] blob = "a tarball crossgcc wants\n".getBytes();
        server.files.put("dl/gmp-6.tar.xz", blob);
        List<SourceSpec> specs = List.of(hello(),
                SourceSpec.builder("inner").url(server.url("wrap-2.tar.gz")).sha256(Fixtures.sha256(wrapper))
                        .member("inner-2.tar.gz").into("hello", "third_party/inner").build(),
                SourceSpec.builder("gmp").kind("file").url(server.url("dl/gmp-6.tar.xz")).sha256(Fixtures.sha256(blob))
                        .into("hello", "util/crossgcc/tarballs").build(),
                SourceSpec.builder("blob").kind("file").url(server.url("dl/gmp-6.tar.xz")).fileName("blob.bin")
                        .sha256(Fixtures.sha256(blob)).build());
        preparer(online()).prepare(specs, tmp.resolve("t"));
        SourceRegistry r = SourceRegistry.read(tmp.resolve("t"));
        Path tree = r.tree("hello");
        assertEquals("inner\n", Files.readString(tree.resolve("third_party/inner/inner.txt")));
        assertEquals(tree.resolve("third_party/inner"), r.tree("inner"));
        assertTrue(Files.isRegularFile(tree.resolve("util/crossgcc/tarballs/gmp-6.tar.xz")));
        assertEquals(tree.resolve("util/crossgcc/tarballs/gmp-6.tar.xz"), r.file("gmp"));
        assertEquals(r.fingerprint("hello"), r.fingerprint("inner"), "the combined tree is fingerprinted as one");
        String blobSha = Fixtures.sha256(blob);
        assertEquals(tmp.resolve("cache/downloads/v1/sha256/" + blobSha.substring(0, 2) + "/" + blobSha + "/blob.bin"),
                r.file("blob"), "a file source is used in place, from its content-addressed entry");
    }

    @Test
    void twoSourcesWhoseUrlsEndInTheSameFileNameGetTheirOwnTreeAndArchive() throws Exception {
        byte[] alpha = Fixtures.tarGz("alpha-1.0", Map.of("who.txt", "alpha\n"));
        byte[] beta = Fixtures.tarGz("beta-1.0", Map.of("who.txt", "beta\n"));
        server.files.put("alpha/archive/v1.0.tar.gz", alpha);
        server.files.put("beta/archive/v1.0.tar.gz", beta);
        List<SourceSpec> specs = List.of(
                SourceSpec.builder("alpha").version("1.0").url(server.url("alpha/archive/v1.0.tar.gz"))
                        .sha256(Fixtures.sha256(alpha)).build(),
                SourceSpec.builder("beta").version("1.0").url(server.url("beta/archive/v1.0.tar.gz"))
                        .sha256(Fixtures.sha256(beta)).build());
        preparer(online()).prepare(specs, tmp.resolve("t"));
        SourceRegistry r = SourceRegistry.read(tmp.resolve("t"));
        assertEquals("alpha\n", Files.readString(r.tree("alpha").resolve("who.txt")));
        assertEquals("beta\n", Files.readString(r.tree("beta").resolve("who.txt")));
        assertArrayEquals(alpha, Files.readAllBytes(r.archive("alpha")), "the archive the SBOM and legal-info ship");
        assertArrayEquals(beta, Files.readAllBytes(r.archive("beta")));
        assertEquals("v1.0.tar.gz", r.archive("alpha").getFileName().toString());
    }

    @Test
    void aLocalOverrideIsUsedAsIsAndFlagged() throws Exception {
        Path dir = tmp.resolve("my-hello");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hello.c"), "mine\n");
        SourceSpec s = hello().toBuilder().localOverride(dir).build();
        preparer(online()).prepare(List.of(s), tmp.resolve("t"));
        SourceRegistry r = SourceRegistry.read(tmp.resolve("t"));
        assertEquals(dir, r.tree("hello"));
        assertTrue(r.fingerprint("hello").startsWith("override-"));
        assertTrue(log.contains("LOCAL OVERRIDE"));
        assertEquals(0, server.gets.get());
    }

    @Test
    void overridesFileRepinsUrlFileNameAndDigest() throws Exception {
        byte[] v2 = Fixtures.tarGz("hello-2.0", Map.of("hello.c", "v2\n"));
        server.files.put("new/hello-2.0.tar.gz", v2);
        Path file = tmp.resolve("overrides.properties");
        Files.writeString(file, "hello.version=2.0\nhello.url=" + server.url("new/hello-2.0.tar.gz") + "\nhello.sha256="
                + Fixtures.sha256(v2) + "\n");
        List<String> changes = new ArrayList<>();
        List<SourceSpec> specs = Overrides.read(file).apply(List.of(hello()), changes);
        assertEquals("hello-2.0.tar.gz", specs.get(0).fileName());
        assertEquals(1, changes.size());
        preparer(online()).prepare(specs, tmp.resolve("t"));
        assertEquals("v2\n", Files.readString(SourceRegistry.read(tmp.resolve("t")).tree("hello").resolve("hello.c")));

        Files.writeString(file, "hello.url=" + server.url("new/hello-2.0.tar.gz") + "\n");
        FirmwareException noDigest = assertThrows(FirmwareException.class,
                () -> Overrides.read(file).apply(List.of(hello()), new ArrayList<>()));
        assertTrue(noDigest.getMessage().contains("hello.sha256"), noDigest.getMessage());
        // A site-wide file may re-pin sources this board lacks: reported (so a typo shows), not fatal.
        Files.writeString(file, "helo.sha256=" + "a".repeat(64) + "\n");
        List<String> notes = new ArrayList<>();
        List<SourceSpec> unchanged = Overrides.read(file).apply(List.of(hello()), notes);
        assertEquals(hello().checksum().toString(), unchanged.get(0).checksum().toString());
        assertTrue(notes.get(0).contains("helo") && notes.get(0).contains("does not declare"), notes.toString());
    }

    @Test
    void aGitSourceIsRepinnedToATarballOfItsTreeOnlyWithKindAndDigest() throws Exception {
        Path repo = gitRepo("hello", Map.of("hello.c", "from git\n"));
        SourceSpec fromGit = SourceSpec.builder("hello").kind("git").version("1.0").url(repo.toUri().toString())
                .commit(git(repo, "rev-parse", "HEAD").strip()).build();
        Path file = tmp.resolve("overrides.properties");
        String repin = "hello.url=" + server.url("hello-1.0.tar.gz") + "\nhello.sha256=" + Fixtures.sha256(archive) + "\n";

        // What a mirror of Debian's orig tarballs writes for a board that pins a git commit.
        Files.writeString(file, repin + "hello.kind=archive\n");
        SourceSpec repinned = Overrides.read(file).apply(List.of(fromGit), new ArrayList<>()).get(0);
        assertEquals(SourceSpec.Kind.ARCHIVE, repinned.kind());
        assertEquals("hello-1.0.tar.gz", repinned.fileName());
        assertNull(repinned.commit(), "a commit left on a downloaded archive would be reported in the SBOM");
        preparer(online()).prepare(List.of(repinned), tmp.resolve("t"));
        Path tree = SourceRegistry.read(tmp.resolve("t")).tree("hello");
        assertEquals("int main(void)\n{\n\treturn 0;\n}\n", Files.readString(tree.resolve("hello.c")), "not the tarball's tree");
        assertEquals(1, server.gets.get());

        // Without the kind the digest would be ignored by the git fetch: refused, naming the key to add.
        Files.writeString(file, repin);
        FirmwareException noKind = assertThrows(FirmwareException.class,
                () -> Overrides.read(file).apply(List.of(fromGit), new ArrayList<>()));
        assertTrue(noKind.getMessage().contains("add hello.kind=archive"), noKind.getMessage());
        // An archive cannot become a git source: the file has no commit to pin it by.
        Files.writeString(file, "hello.kind=git\nhello.url=" + repo.toUri() + "\n");
        FirmwareException toGit = assertThrows(FirmwareException.class,
                () -> Overrides.read(file).apply(List.of(hello()), new ArrayList<>()));
        assertTrue(toGit.getMessage().contains("key 'hello.kind' cannot make 'hello' a git source"), toGit.getMessage());
    }

    @Test
    void gitSourcesExportThePinnedCommitWithSubmodulesAndNoGitDirectory() throws Exception {
        Path sub = gitRepo("sub", Map.of("lib.c", "lib v1\n"));
        String subCommit = git(sub, "rev-parse", "HEAD").strip();
        Files.writeString(sub.resolve("lib.c"), "lib v2 (not pinned)\n");
        git(sub, "commit", "-qam", "v2");
        Path superRepo = gitRepo("super", Map.of("main.c", "main\n"));
        git(superRepo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.toUri().toString(), "lib");
        git(superRepo.resolve("lib"), "checkout", "-q", subCommit);
        git(superRepo, "add", "lib");
        git(superRepo, "commit", "-qm", "add lib");
        String commit = git(superRepo, "rev-parse", "HEAD").strip();
        git(superRepo, "tag", "v1.0");
        Files.writeString(superRepo.resolve("main.c"), "later\n");
        git(superRepo, "commit", "-qam", "later");
        Path bare = tmp.resolve("super.git");
        git(tmp, "clone", "-q", "--bare", superRepo.toString(), bare.toString());

        SourceSpec s = SourceSpec.builder("super").kind("git").version("v1.0").url(bare.toUri().toString())
                .commit(commit).build();
        preparer(online()).prepare(List.of(s), tmp.resolve("t"));
        Path tree = SourceRegistry.read(tmp.resolve("t")).tree("super");
        assertEquals("main\n", Files.readString(tree.resolve("main.c")));
        assertEquals("lib v1\n", Files.readString(tree.resolve("lib/lib.c")));
        assertFalse(Files.exists(tree.resolve(".git")));
        assertFalse(Files.exists(tree.resolve("lib/.git")));

        SourceSpec bad = SourceSpec.builder("super2").kind("git").url(bare.toUri().toString()).commit("1".repeat(40)).build();
        FirmwareException e = assertThrows(FirmwareException.class, () -> preparer(online()).fetchAll(List.of(bad)));
        assertTrue(e.getMessage().contains("1".repeat(40)), e.getMessage());
        assertThrows(FirmwareException.class, () -> SourceSpec.builder("x").kind("git").url("file:///x").commit("v1.0").build());
    }

    @Test
    void aGitSourceRepinnedToABundleGivesThePinnedCommit() throws Exception {
        // A project without release tarballs (kvmtool): the mirror serves a git bundle of its history.
        Path repo = gitRepo("vmm", Map.of("vmm.c", "pinned\n"));
        String commit = git(repo, "rev-parse", "HEAD").strip();
        Files.writeString(repo.resolve("vmm.c"), "newer, not pinned\n");
        git(repo, "commit", "-qam", "later");
        Path bundle = tmp.resolve("vmm.bundle");
        git(repo, "bundle", "create", "-q", bundle.toString(), "--all");
        SourceSpec upstream = SourceSpec.builder("vmm").kind("git").url("https://git.invalid/vmm.git").commit(commit)
                .build();
        Path file = tmp.resolve("overrides.properties");
        Files.writeString(file, "vmm.url=" + bundle.toUri() + "\n");
        SourceSpec repinned = Overrides.read(file).apply(List.of(upstream), new ArrayList<>()).get(0);
        assertEquals(SourceSpec.Kind.GIT, repinned.kind());
        assertEquals(commit, repinned.commit(), "the pom's commit stays the pin");
        preparer(online()).prepare(List.of(repinned), tmp.resolve("t"));
        Path tree = SourceRegistry.read(tmp.resolve("t")).tree("vmm");
        assertEquals("pinned\n", Files.readString(tree.resolve("vmm.c")));
        assertFalse(Files.exists(tree.resolve(".git")));
    }

    @Test
    void aGitSourceCanGoIntoAnArchiveTree() throws Exception {
        Path repo = gitRepo("tool", Map.of("tool.c", "tool\n"));
        String commit = git(repo, "rev-parse", "HEAD").strip();
        SourceSpec tool = SourceSpec.builder("tool").kind("git").url(repo.toUri().toString()).commit(commit)
                .into("hello", "vendor/tool").build();
        preparer(online()).prepare(List.of(hello(), tool), tmp.resolve("t"));
        Path tree = SourceRegistry.read(tmp.resolve("t")).tree("hello");
        assertEquals("tool\n", Files.readString(tree.resolve("vendor/tool/tool.c")));
        assertFalse(Files.exists(tree.resolve("vendor/tool/.git")));
        try (Stream<Path> s = Files.list(tree.resolve("vendor"))) {
            assertEquals(List.of("tool"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aSourceWithoutDigestIsRefusedUnlessDeclaredUnverified() throws Exception {
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> SourceSpec.builder("x").url("http://127.0.0.1/x.tar.gz").build());
        assertTrue(e.getMessage().contains("<sha256>"), e.getMessage());
        assertEquals("x.tar.gz", SourceSpec.builder("x").url("http://127.0.0.1/d/x.tar.gz").unverified(true).build().fileName());
    }

    private Path gitRepo(String name, Map<String, String> files) throws Exception {
        Path dir = tmp.resolve("repos/" + name);
        Files.createDirectories(dir);
        git(dir, "init", "-q");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        git(dir, "add", ".");
        git(dir, "commit", "-qm", "init");
        return dir;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"));
        cmd.addAll(List.of(args));
        try {
            return Commands.run(cmd, dir, Map.of());
        } catch (CommandFailed e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** A tar.gz built entry by entry: {"d", name}, {"f", name, content}, {"l", name, target}. */
    static byte[] tarGz(String[]... entries) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(b);
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
            for (String[] x : entries) {
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
                if (x[0].equals("l")) {
                    e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(x[1],
                            org.apache.commons.compress.archivers.tar.TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(x[2]);
                } else {
                    e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(x[1]);
                    if (x[0].equals("f")) {
                        e.setSize(x[2].getBytes().length);
                    }
                }
                tar.putArchiveEntry(e);
                if (x[0].equals("f")) {
                    tar.write(x[2].getBytes());
                }
                tar.closeArchiveEntry();
            }
        }
        return b.toByteArray();
    }

    SourceSpec served(String name, String file, byte[] bytes, String into, String intoPath) throws Exception {
        server.files.put(file, bytes);
        return SourceSpec.builder(name).url(server.url(file)).sha256(Fixtures.sha256(bytes)).into(into, intoPath)
                .build();
    }

    @Test
    void anIntoPathThroughALinkInsideTheTreeLandsInsideAndOneThatLeavesIsRefused() throws Exception {
        byte[] base = tarGz(new String[] {"d", "base-1/"}, new String[] {"d", "base-1/real/"},
                new String[] {"l", "base-1/via", "real"}, new String[] {"l", "base-1/via2", "via"});
        byte[] child = tarGz(new String[] {"d", "child-1/"}, new String[] {"f", "child-1/c.txt", "child\n"});
        List<SourceSpec> ok = List.of(served("base", "base-1.tar.gz", base, null, null),
                served("child", "child-1.tar.gz", child, "base", "via2/sub"));
        preparer(online()).prepare(ok, tmp.resolve("t"));
        Path tree = SourceRegistry.read(tmp.resolve("t")).tree("base");
        assertEquals("child\n", Files.readString(tree.resolve("real/sub/c.txt")));
        assertTrue(Files.isSymbolicLink(tree.resolve("via2")));
    }

    @Test
    void aLinkThatAnotherSourcePlacedIntoTheTreeTurnsOutwardIsRefused() throws Exception {
        // base's b -> a/m/../.. is inside while a/m is missing; the child, placed into a/, makes m -> '.'.
        byte[] base = tarGz(new String[] {"d", "base-1/"}, new String[] {"d", "base-1/a/"},
                new String[] {"l", "base-1/b", "a/m/../.."});
        byte[] child = tarGz(new String[] {"d", "child-1/"}, new String[] {"l", "child-1/m", "."});
        List<SourceSpec> specs = List.of(served("base", "base-1.tar.gz", base, null, null),
                served("child", "child-1.tar.gz", child, "base", "a"));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(specs, tmp.resolve("t")));
        assertTrue(e.getMessage().contains("Source 'base'") && e.getMessage().contains("symbolic link 'b'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<into>"), e.getMessage());
        try (Stream<Path> s = Files.list(tmp.resolve("cache/build/sources"))) {
            assertEquals(List.of(), s.filter(Files::isDirectory).toList(), "no tree kept");
        }
    }

    @Test
    void anUnknownArchiveTypeIsRefusedBeforeAnythingIsDownloaded() throws Exception {
        server.files.put("tool-1.rar", "Rar!".getBytes());
        List<SourceSpec> specs = List.of(hello(), SourceSpec.builder("tool").url(server.url("tool-1.rar"))
                .sha256(Fixtures.sha256("Rar!".getBytes())).build());
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> preparer(online()).prepare(specs, tmp.resolve("t")));
        assertTrue(e.getMessage().startsWith("Source 'tool': cannot tell how to extract 'tool-1.rar' (from <url>)"),
                e.getMessage());
        assertTrue(e.getMessage().contains(".tar.xz") && e.getMessage().contains("<kind>file</kind>"), e.getMessage());
        assertEquals(List.of(), server.requests);
        SourceSpec named = SourceSpec.builder("tool").url(server.url("download?id=3")).fileName("tool-1.rar")
                .sha256(Fixtures.sha256("Rar!".getBytes())).build();
        FirmwareException e2 = assertThrows(FirmwareException.class,
                () -> preparer(online()).fetchAll(List.of(named)));
        assertTrue(e2.getMessage().contains("(from <fileName>)"), e2.getMessage());
        assertEquals(List.of(), server.requests);
    }

    @Test
    void setuidBitsAreDroppedWithOneWarningEach() throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(b);
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("s-1/su");
            e.setMode(0104755);
            e.setSize(1);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        preparer(online()).prepare(List.of(served("s", "s-1.tar.gz", b.toByteArray(), null, null)), tmp.resolve("t"));
        Path su = SourceRegistry.read(tmp.resolve("t")).tree("s").resolve("su");
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(su)));
        assertEquals(1, log.lines.stream().filter(l -> l.contains("Source 's': dropped the setuid bit of entry "
                + "'s-1/su'")).count(), log.lines.toString());
    }
}
