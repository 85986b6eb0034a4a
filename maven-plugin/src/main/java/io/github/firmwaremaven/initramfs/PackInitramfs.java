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
     */
    public record Request(Path staging, List<Path> overlays, Path list, Compression compression, Path outputDir,
            Map<String, String> env) {}

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
        Step step = Step.named("pack-initramfs")
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
                    ctx.log().info("pack-initramfs: " + res.entries() + " entries, " + res.cpioBytes()
                            + " bytes of cpio -> " + archive);
                })
                .build();
        StepResult result = steps.run(step);
        outputs.record(new Output(ArtifactKind.INITRAMFS, ArtifactKind.INITRAMFS.classifier(),
                r.compression().extension(), archive));
        outputs.record(Output.of(ArtifactKind.INITRAMFS_LIST, listOut));
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
