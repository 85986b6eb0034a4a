package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.Manifest;
import io.github.firmwaremaven.steps.StepMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.BuildTimestamp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the stages with a fake {@code make} and fake configure scripts that record what they were
 * asked and leave each stage's output behind: proves execution order, caching and resumption in a
 * second instead of half an hour.
 */
class SourceToolchainBuildTest {
    private static final String TRIPLE = "x86_64-linux-musl";

    @TempDir
    Path tmp;

    private Path fakeBin;
    private Path calls;
    private FakeSourceTrees trees;

    @BeforeEach
    void fakes() throws Exception {
        trees = new FakeSourceTrees(tmp.resolve("src"), null);
        calls = tmp.resolve("calls.log");
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        // make: logs "<dir> <args>", fails on libgcc while fail-libgcc exists, creates install outputs.
        script(fakeBin.resolve("make"), ""
                + "[ \"$1\" = --version ] && { echo 'GNU Make (fake)'; exit 0; }\n"
                + "echo \"$(basename \"$PWD\") $*\" >> '" + calls + "'\n"
                + "prefix=$(cat prefix 2>/dev/null)\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  INSTALL_HDR_PATH=*) mkdir -p \"${a#*=}/include/linux\"; touch \"${a#*=}/include/linux/version.h\" ;;\n"
                + "  DESTDIR=*) dest=${a#*=} ;;\n"
                + "  all-target-libgcc) [ -e '" + tmp.resolve("fail-libgcc") + "' ] && exit 2 ;;\n"
                + "  install-headers) mkdir -p \"$dest/usr/include\"; touch \"$dest/usr/include/stdio.h\" ;;\n"
                + "  install|install-strip) if [ -n \"$dest\" ]; then mkdir -p \"$dest/usr/lib\"; touch \"$dest/usr/lib/libc.a\";\n"
                + "             mkdir -p \"$dest/lib\"; ln -sf /usr/lib/libc.so \"$dest/lib/ld-musl-x86_64.so.1\";\n"
                + "           else mkdir -p \"$prefix/bin\"; touch \"$prefix/bin/" + TRIPLE + "-as\" \"$prefix/bin/" + TRIPLE + "-gcc\"; fi ;;\n"
                + "  install-gcc) mkdir -p \"$prefix/bin\"; touch \"$prefix/bin/" + TRIPLE + "-gcc\" ;;\n"
                + "esac; done\n"
                + "exit 0\n");
        for (String name : List.of("binutils", "gcc", "musl", "linux")) {
            Path src = Files.createDirectories(tmp.resolve("src/" + name));
            // configure: remembers the prefix for make, logs its arguments.
            script(src.resolve("configure"), ""
                    + "echo \"$(basename \"$PWD\") configure $*\" >> '" + calls + "'\n"
                    + "for a in \"$@\"; do case \"$a\" in --prefix=*) echo \"${a#*=}\" > prefix ;; esac; done\n");
            trees.fingerprints.put(name, "sha-of-" + name);
        }
    }

    private Path obtain(BuildCache cache) throws Exception {
        StepMachine steps = StepMachine.forBuildArea(tmp.resolve("board/firmware"), BuildTimestamp.of(1_767_225_600L),
                BuildLog.SILENT).sharingThrough(cache, Manifest.Check.CHEAP);
        return SourceToolchainBuild.obtain(request(), trees, steps, tmp.resolve("work"), tmp.resolve("board/firmware"),
                fakeBin + ":" + System.getenv("PATH"), "x86_64", BuildLog.SILENT);
    }

    private static SourceToolchainBuild.Request request() {
        return new SourceToolchainBuild.Request("musl", TRIPLE, "binutils", "gcc", "musl", "linux", List.of(), List.of());
    }

    @Test
    void theFinishedPrefixLandsInTheCacheWithItsMetadataAndTheWorkAreaGoes() throws Exception {
        BuildCache cache = new BuildCache(tmp.resolve("cache"));
        Path prefix = obtain(cache);
        assertTrue(prefix.startsWith(cache.root().resolve("toolchain")), prefix.toString());
        assertTrue(prefix.getParent().getFileName().toString().startsWith("v2-toolchain-musl-"), prefix.toString());
        assertTrue(Files.exists(prefix.resolve("bin/" + TRIPLE + "-gcc")));
        assertTrue(Files.exists(prefix.resolve(TRIPLE + "/usr/include/linux/version.h")));
        assertTrue(Files.exists(prefix.resolve(TRIPLE + "/usr/lib/libc.a")));
        // musl's absolute loader link, made relative so it survives relocation.
        assertEquals(java.nio.file.Paths.get("../usr/lib/libc.so"),
                Files.readSymbolicLink(prefix.resolve(TRIPLE + "/lib/ld-musl-x86_64.so.1")));
        assertEquals(TRIPLE, ToolchainArchive.readMetadata(prefix, "test").getProperty("triple"));
        try (java.util.stream.Stream<Path> left = Files.list(tmp.resolve("work/toolchain"))) {
            assertEquals(0, left.count(), "the work area goes once the prefix is in the cache");
        }
        assertTrue(Files.exists(tmp.resolve("board/firmware/logs/toolchain-musl-gcc-final.log")));

        List<String> lines = Files.readAllLines(calls, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("build-binutils configure --target=" + TRIPLE), lines.get(0));
        int headers = indexOf(lines, "headers_install");
        int allGcc = indexOf(lines, "all-gcc");
        int muslHeaders = indexOf(lines, "install-headers");
        int libgcc = indexOf(lines, "all-target-libgcc");
        int muslMake = lines.indexOf("build-musl -j" + Runtime.getRuntime().availableProcessors());
        assertTrue(0 < headers && headers < allGcc && allGcc < muslHeaders && muslHeaders < libgcc
                && libgcc < muslMake, String.join("\n", lines));

        // Second time: from the cache, nothing runs.
        long before = lines.size();
        assertEquals(prefix, obtain(cache));
        assertEquals(before, Files.readAllLines(calls, StandardCharsets.UTF_8).size());
    }

    @Test
    void aFailedBuildLeavesNoCacheEntryAndTheNextRunResumesAtTheFailedStage() throws Exception {
        BuildCache cache = new BuildCache(tmp.resolve("cache"));
        Files.createFile(tmp.resolve("fail-libgcc"));
        assertThrows(ProcessFailedException.class, () -> obtain(cache));
        assertTrue(cache.list().isEmpty());
        int firstRun = Files.readAllLines(calls, StandardCharsets.UTF_8).size();

        Files.delete(tmp.resolve("fail-libgcc"));
        obtain(cache);
        List<String> second = Files.readAllLines(calls, StandardCharsets.UTF_8);
        second = second.subList(firstRun, second.size());
        assertTrue(second.get(0).contains("all-target-libgcc"), "resumed at libgcc: " + second);
        assertTrue(second.stream().noneMatch(l -> l.contains("all-gcc") || l.startsWith("build-binutils")), second.toString());
    }

    @Test
    void aChangedSourceOrHostCompilerMeansAnotherToolchain() throws Exception {
        String key = SourceToolchainBuild.cacheKey(TRIPLE, SourceToolchainBuild.fingerprint(request(), trees, "gcc-a"));
        assertNotEquals(key, SourceToolchainBuild.cacheKey(TRIPLE,
                SourceToolchainBuild.fingerprint(request(), trees, "gcc-b")));
        trees.fingerprints.put("musl", "sha-of-patched-musl");
        assertNotEquals(key, SourceToolchainBuild.cacheKey(TRIPLE,
                SourceToolchainBuild.fingerprint(request(), trees, "gcc-a")));
    }

    private static int indexOf(List<String> lines, String word) {
        for (int i = 0; i < lines.size(); i++) {
            if (List.of(lines.get(i).split(" ")).contains(word)) {
                return i;
            }
        }
        return -1;
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
