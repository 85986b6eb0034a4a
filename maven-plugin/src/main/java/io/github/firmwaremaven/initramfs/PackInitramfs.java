package io.github.firmwaremaven.initramfs;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pack-initramfs goal as one fingerprinted step: what the mojo calls. */
public final class PackInitramfs {
    /**
     * @param staging   build-rootfs' staging tree, may be absent
     * @param overlays  overlay trees in order; absent ones are skipped
     * @param list      a gen_init_cpio list, or null
     * @param outputDir where initramfs.cpio.* and initramfs.list go
     * @param env       what {@code ${VAR}} in the list's locations expands to
     * @param name      null for the board's initramfs, else the role of a further image (guest)
     */
    public record Request(Path staging, List<Path> overlays, Path list, Compression compression, Path outputDir,
            Map<String, String> env, String name) {
        public Request(Path staging, List<Path> overlays, Path list, Compression compression, Path outputDir,
                Map<String, String> env) {
            this(staging, overlays, list, compression, outputDir, env, null);
        }

        /** The same request, the list's variables extended by {@code more}. */
        public Request withEnv(Map<String, String> more) {
            Map<String, String> all = new java.util.HashMap<>(env);
            all.putAll(more);
            return new Request(staging, overlays, list, compression, outputDir, all, name);
        }

        String stepId() {
            return name == null ? "pack-initramfs" : "pack-initramfs-" + name;
        }

        String classifier(ArtifactKind kind) {
            return name == null ? kind.classifier() : kind.classifier() + "-" + name;
        }
    }

    private PackInitramfs() {}

    /** Null when there is something to pack, else why not (the goal then skips). */
    public static String nothingToPack(Request r) {
        boolean any = (r.staging() != null && Files.isDirectory(r.staging())) || r.list() != null
                || r.overlays().stream().anyMatch(Files::isDirectory);
        return any ? null : "no staging directory (" + r.staging() + "), overlay or initramfs list";
    }

    public static Path archive(Request r) {
        return r.outputDir().resolve("initramfs." + r.compression().extension());
    }

    /**
     * Packs the further images (a guest's) and then the board's own, whose list may take them in: the
     * lists see {@code ${FIRMWARE_INITRAMFS_<ROLE>}} for each image packed before and
     * {@code ${FIRMWARE_KERNEL_<ROLE>}} for each kernel role build-kernel recorded.
     */
    public static StepResult run(List<Request> images, Request main, StepMachine steps, BuildTimestamp timestamp,
            OutputRegistry outputs) throws Exception {
        Map<String, String> vars = new java.util.TreeMap<>();
        for (Output o : outputs.outputs()) {
            String prefix = ArtifactKind.KERNEL_IMAGE.classifier() + "-";
            if (o.kind() == ArtifactKind.KERNEL_IMAGE && o.classifier().startsWith(prefix)) {
                vars.put(variable("KERNEL", o.classifier().substring(prefix.length())), o.file().toString());
            }
        }
        for (Request image : images) {
            Request r = image.withEnv(vars);
            run(r, steps, timestamp, outputs);
            vars.put(variable("INITRAMFS", image.name()), archive(r).toAbsolutePath().toString());
        }
        return run(main.withEnv(vars), steps, timestamp, outputs);
    }

    /** The variable a list names a role's file by: FIRMWARE_KERNEL_GUEST, FIRMWARE_INITRAMFS_GUEST. */
    public static String variable(String what, String role) {
        return "FIRMWARE_" + what + "_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    public static StepResult run(Request r, StepMachine steps, BuildTimestamp timestamp, OutputRegistry outputs)
            throws Exception {
        List<Path> trees = new ArrayList<>();
        if (r.staging() != null && Files.isDirectory(r.staging())) {
            trees.add(r.staging());
        }
        for (Path o : r.overlays()) {
            if (Files.isDirectory(o)) {
                trees.add(o);
            }
        }
        Path archive = archive(r);
        Path listOut = r.outputDir().resolve("initramfs.list");
        Step step = Step.named(r.stepId())
                .inputs(fp -> {
                    for (int i = 0; i < trees.size(); i++) {
                        fp.tree("tree." + i + ":" + trees.get(i), trees.get(i));
                    }
                    if (r.list() != null) {
                        fp.file("list", r.list());
                        fp.digest("list-sources", listSources(r));
                    }
                    fp.param("compression", r.compression());
                    fp.param("timestamp", timestamp.epochSeconds());
                    fp.param("format", "newc-gen_init_cpio-1");
                })
                .output(archive)
                .output(listOut)
                .output(kernelFragment(r))
                .action(ctx -> {
                    InitramfsPacker.Builder b = InitramfsPacker.builder().compression(r.compression())
                            .timestamp(ctx.timestamp().epochSeconds()).env(r.env());
                    trees.forEach(b::tree);
                    if (r.list() != null) {
                        b.list(r.list());
                    }
                    InitramfsPacker.Result res = b.build().pack(archive, listOut);
                    writeKernelFragment(archive, kernelFragment(r));
                    ctx.log().info(r.stepId() + ": " + res.entries() + " entries, " + res.cpioBytes()
                            + " bytes of cpio -> " + archive);
                })
                .build();
        StepResult result = steps.run(step);
        outputs.record(new Output(ArtifactKind.INITRAMFS, r.classifier(ArtifactKind.INITRAMFS),
                r.compression().extension(), archive));
        outputs.record(new Output(ArtifactKind.INITRAMFS_LIST, r.classifier(ArtifactKind.INITRAMFS_LIST),
                ArtifactKind.INITRAMFS_LIST.extension(), listOut));
        return result;
    }

    /**
     * A kernel config fragment that embeds this archive. Linux 6.1 takes a single {@code .cpio} or
     * {@code .cpio.*} in CONFIG_INITRAMFS_SOURCE as is (no re-packing, no second compression), so the
     * embedded copy has exactly our reproducible bytes; a list or directory there would make kbuild
     * re-pack with the source files' own times.
     */
    public static Path kernelFragment(Request r) {
        return r.outputDir().resolve("initramfs.config");
    }

    private static void writeKernelFragment(Path archive, Path fragment) throws java.io.IOException {
        String text = "# Embeds the packed initramfs as is; merge into the kernel config to build it in.\n"
                + "CONFIG_BLK_DEV_INITRD=y\n"
                + "CONFIG_INITRAMFS_SOURCE=\"" + archive.toAbsolutePath() + "\"\n";
        Path tmp = fragment.resolveSibling("." + fragment.getFileName() + ".part");
        Files.writeString(tmp, text);
        Files.move(tmp, fragment, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The content of every file the list names: changing one must re-pack. */
    private static String listSources(Request r) throws java.io.IOException, FirmwareException {
        Fingerprint.Builder fp = Fingerprint.builder();
        for (CpioEntry e : CpioList.parse(r.list(), r.env())) {
            if (e.source() != null) {
                fp.file(e.name(), e.source());
            }
        }
        return fp.build().digest();
    }
}
