package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.steps.ToolIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mode 2: runs a {@link SourceToolchainPlan} stage by stage through the step machine and keeps the
 * finished prefix in the build cache under {@code toolchain/<key>}, outside {@code target/}, so
 * {@code mvn clean} does not cost half an hour. The key covers the sources, the arguments and the
 * host compiler; the build directories live in a work area keyed the same way, so a killed build
 * resumes at the stage it was in.
 */
public final class SourceToolchainBuild {
    /** The cache kind of source-built toolchains. */
    public static final String CACHE_KIND = "toolchain";

    /** What the board declares for a source-built toolchain. */
    public record Request(String name, String triple, String binutils, String gcc, String musl, String linux,
            List<String> binutilsArgs, List<String> gccArgs) {
        public Request {
            binutilsArgs = List.copyOf(binutilsArgs);
            gccArgs = List.copyOf(gccArgs);
        }
    }

    private SourceToolchainBuild() {}

    /** Everything the toolchain's bytes depend on, as fingerprint lines. */
    public static Fingerprint fingerprint(Request r, SourceTrees trees, String hostGccIdentity)
            throws FirmwareException {
        return Fingerprint.builder()
                .param("plan", SourceToolchainPlan.VERSION)
                .param("triple", r.triple())
                .digest("source:" + r.binutils(), trees.fingerprint(r.binutils()))
                .digest("source:" + r.gcc(), trees.fingerprint(r.gcc()))
                .digest("source:" + r.musl(), trees.fingerprint(r.musl()))
                .digest("source:" + r.linux(), trees.fingerprint(r.linux()))
                .param("binutilsArgs", String.join(" ", r.binutilsArgs()))
                .param("gccArgs", String.join(" ", r.gccArgs()))
                .param("hostGcc", hostGccIdentity)
                .build();
    }

    /** The cache key: a readable triple and a digest of the fingerprint. */
    public static String cacheKey(String triple, Fingerprint fingerprint) {
        return triple + "-" + fingerprint.digest().substring(0, 32);
    }

    /**
     * The toolchain's prefix in the cache, built first when absent.
     *
     * @param workRoot where build directories are kept between runs (removed after success)
     * @param buildArea the board's {@code target/firmware}: the stages' logs and step report go there
     */
    public static Path obtain(Request r, SourceTrees trees, StepMachine steps, Path workRoot, Path buildArea,
            String hostPath, String hostArch, BuildLog log) throws Exception {
        String hostGcc = ToolIdentity.of("gcc", hostPath);
        Fingerprint fp = fingerprint(r, trees, hostGcc);
        String key = cacheKey(r.triple(), fp);
        SourceToolchainPlan.Sources sources = new SourceToolchainPlan.Sources(
                r.binutils(), trees.tree(r.binutils()), r.gcc(), trees.tree(r.gcc()),
                r.musl(), trees.tree(r.musl()), r.linux(), trees.tree(r.linux()));
        Path work = workRoot.resolve(CACHE_KIND).resolve(key);
        Path prefix = work.resolve("prefix");
        SourceToolchainPlan plan = new SourceToolchainPlan(r.triple(), sources, prefix, work, r.binutilsArgs(),
                r.gccArgs(), Runtime.getRuntime().availableProcessors(), hostPath);
        Step.Builder b = Step.named("toolchain-" + r.name())
                .inputs(f -> f.upstream("toolchain", fp))
                .timeless()
                .sharedInPlace(CACHE_KIND)
                .action(ctx -> {
                    log.info("Toolchain '" + r.name() + "': building " + r.triple() + " from source (binutils, "
                            + "Linux headers, gcc, musl; about 25-30 minutes on 2 cores). Built once per sources "
                            + "and host compiler, for every board. Logs: " + buildArea.resolve("logs"));
                    // The stages keep their state beside their shared work area: a board killed half way
                    // is continued by whichever board builds this toolchain next.
                    runStages(r.name(), plan, fp, steps, hostPath, work.resolve("state"));
                    relativizeLinks(plan.sysroot());
                    ToolchainArchive.writeMetadata(prefix, r.triple(), r.triple() + "-", hostArch);
                    moveChildren(prefix, Files.createDirectories(ctx.sharedDirectory()));
                    TreeDelete.delete(work);
                });
        for (String source : List.of(r.binutils(), r.gcc(), r.musl(), r.linux())) {
            b.reads(trees.tree(source));
        }
        return steps.run(b.build()).directory();
    }

    /** Runs each stage as a step; a stage's fingerprint carries the one before it. */
    static List<StepResult> runStages(String name, SourceToolchainPlan plan, Fingerprint toolchain,
            StepMachine machine, String hostPath, Path stateDir) throws Exception {
        List<StepResult> results = new ArrayList<>();
        Fingerprint[] previous = {null};
        String[] previousId = {null};
        for (SourceToolchainPlan.Stage stage : plan.stages()) {
            Step.Builder b = Step.named("toolchain-" + name + "-" + stage.id())
                    .inputs(f -> {
                        f.upstream("toolchain", toolchain);
                        if (previous[0] != null) {
                            f.upstream(previousId[0], previous[0]);
                        }
                        for (SourceToolchainPlan.Command c : stage.commands()) {
                            f.param("command", String.join(" ", c.argv()));
                        }
                        f.tool("make", hostPath);
                    })
                    .stateIn(stateDir)
                    .workArea(stage.workArea())
                    .workArea(plan.prefix())
                    .action(ctx -> {
                        for (SourceToolchainPlan.Command c : stage.commands()) {
                            Files.createDirectories(c.directory());
                            ctx.run(ctx.command(c.argv(), c.directory()).env(c.environment()).build());
                        }
                    });
            if (stage.output() != null) {
                b.output(stage.output());
            }
            StepResult result = machine.run(b.build());
            results.add(result);
            previous[0] = result.fingerprint();
            previousId[0] = stage.id();
        }
        return results;
    }

    /**
     * musl installs {@code /lib/ld-musl-*.so.1 -> /usr/lib/libc.so}, absolute inside the sysroot;
     * rewritten relative so the link survives the move into the cache and unpacking elsewhere.
     */
    static void relativizeLinks(Path sysroot) throws IOException {
        if (!Files.isDirectory(sysroot)) {
            return;
        }
        List<Path> links;
        try (Stream<Path> s = Files.walk(sysroot)) {
            links = s.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            Path target = Files.readSymbolicLink(link);
            if (target.isAbsolute()) {
                Path inSysroot = sysroot.resolve(target.toString().substring(1));
                Files.delete(link);
                Files.createSymbolicLink(link, link.getParent().relativize(inSysroot));
            }
        }
    }

    private static void moveChildren(Path from, Path to) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(from)) {
            children = s.sorted().toList();
        }
        for (Path c : children) {
            Files.move(c, to.resolve(c.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
