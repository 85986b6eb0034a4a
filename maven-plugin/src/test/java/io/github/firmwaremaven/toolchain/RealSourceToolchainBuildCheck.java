package io.github.firmwaremaven.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.File;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The real 25-30 minute build of an x86_64-linux-musl C toolchain from Debian's orig tarballs, off
 * by default: named *Check so the default test run does not collect (and skip) it. Run it by hand
 * when the stages change:
 * <pre>
 * mvn -pl maven-plugin test -Dtest=RealSourceToolchainBuildCheck \
 *     -Dfirmware.realToolchain=$HOME/.cache/firmware-maven-plugin/debian-mirror/sources \
 *     -Dfirmware.realToolchain.work=/var/tmp/toolchain-build
 * </pre>
 * Needs the toolchain-source host packages (libgmp-dev libmpfr-dev libmpc-dev texinfo rsync).
 */
@EnabledIfSystemProperty(named = "firmware.realToolchain", matches = ".+")
class RealSourceToolchainBuildCheck {
    private static final String TRIPLE = "x86_64-linux-musl";

    @Test
    void buildsAMuslToolchainThatLinksAStaticProgram() throws Exception {
        Path mirror = Paths.get(System.getProperty("firmware.realToolchain"));
        Path work = Paths.get(System.getProperty("firmware.realToolchain.work", "target/real-toolchain"))
                .toAbsolutePath();
        Path src = Files.createDirectories(work.resolve("src"));
        Map<String, Path> trees = new HashMap<>();
        Map<String, String> digests = new HashMap<>();
        trees.put("binutils", extract(one(mirror, "binutils_*.orig.tar.*"), src, digests, "binutils"));
        trees.put("musl", extract(one(mirror, "musl_*.orig.tar.*"), src, digests, "musl"));
        trees.put("linux", extract(one(mirror, "linux_*.orig.tar.*"), src, digests, "linux"));
        trees.put("gcc", extractGcc(one(mirror, "gcc-12_*.orig.tar.*"), src, digests));
        SourceTrees sources = new SourceTrees() {
            @Override
            public Path tree(String name) throws FirmwareException {
                return trees.get(name);
            }

            @Override
            public String fingerprint(String name) {
                return digests.get(name);
            }
        };
        BuildLog log = new BuildLog() {
            @Override
            public void info(String m) {
                System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + m);
            }

            @Override
            public void warn(String m) {
                info("WARN " + m);
            }

            @Override
            public void debug(String m) {}
        };
        long t0 = System.nanoTime();
        Path prefix = SourceToolchainBuild.obtain(new SourceToolchainBuild.Request("musl", TRIPLE, "binutils", "gcc",
                "musl", "linux", List.of(), List.of()), sources,
                io.github.firmwaremaven.steps.StepMachine.forBuildArea(work.resolve("firmware"),
                        BuildTimestamp.of(1_767_225_600L), log).sharingThrough(new BuildCache(work.resolve("cache")),
                        io.github.firmwaremaven.steps.Manifest.Check.CHEAP),
                work.resolve("work"), work.resolve("firmware"), System.getenv("PATH"), "x86_64", log);
        log.info("toolchain ready after " + (System.nanoTime() - t0) / 1_000_000_000 + " s in " + prefix);
        ExternalToolchain.Validated v = ExternalToolchain.validate("musl", TRIPLE, null, prefix,
                System.getenv("PATH"), work.resolve("scratch"), io.github.firmwaremaven.steps.StepMachine.forBuildArea(
                work.resolve("validate"), io.github.firmwaremaven.steps.BuildTimestamp.of(1), log), log);
        assertEquals(ExternalToolchain.Linkage.STATIC, v.linkage());
        long p0 = System.nanoTime();
        ToolchainArchive.pack(prefix, work.resolve("toolchain.tar.xz"), 1_767_225_600L);
        log.info("packed in " + (System.nanoTime() - p0) / 1_000_000_000 + " s: "
                + Files.size(work.resolve("toolchain.tar.xz")) + " bytes");
    }

    private static Path one(Path dir, String glob) throws Exception {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                return p;
            }
        }
        throw new IllegalStateException("no " + glob + " in " + dir);
    }

    private static Path extract(Path archive, Path into, Map<String, String> digests, String name) throws Exception {
        digests.put(name, Digests.sha256(archive));
        Path dir = into.resolve(name);
        if (!Files.isDirectory(dir)) {
            Path tmp = Files.createDirectories(into.resolve(name + ".tmp"));
            run(tmp, "tar", "--strip-components=1", "-xf", archive.toString());
            Files.move(tmp, dir);
        }
        return dir;
    }

    /** Debian wraps gcc-12.2.0-dfsg.tar.xz in its orig tarball; the s-tm-texi patch is applied after. */
    private static Path extractGcc(Path archive, Path into, Map<String, String> digests) throws Exception {
        Path patch = Paths.get("../it/patches/gcc/12.2.0/0001-s-tm-texi-copy-tm.texi.in.patch").toAbsolutePath();
        digests.put("gcc", Digests.sha256(archive) + "+" + Digests.sha256(patch));
        Path dir = into.resolve("gcc");
        if (!Files.isDirectory(dir)) {
            Path tmp = Files.createDirectories(into.resolve("gcc.tmp"));
            run(tmp, "sh", "-c", "tar -xOf \"$1\" --wildcards '*/gcc-*-dfsg.tar.xz' | tar --strip-components=1 -xJf -",
                    "sh", archive.toString());
            run(tmp, "patch", "-p1", "-i", patch.toString());
            Files.move(tmp, dir);
        }
        return dir;
    }

    private static void run(Path dir, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
