package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configure step every Kconfig project shares (Linux, busybox, coreboot): a base config (a make
 * target such as {@code tinyconfig}, or a file), the board's fragments merged on top in order, the
 * project's own resolver ({@code olddefconfig}), then a check that every requested symbol survived.
 *
 * @param id step id
 * @param make the make command up to the target, e.g. {@code make -C src O=obj ARCH=x86_64}
 * @param objDir where {@code .config} lives (the O= directory)
 * @param baseTarget a config target such as {@code tinyconfig}, or null when {@code baseFile} is used
 * @param baseFile a full config file, or null
 * @param fragments applied in order, later wins
 * @param resolveTarget the target that fills in dependencies and defaults, e.g. {@code olddefconfig}
 * @param what names the project in error messages, e.g. {@code Linux 6.1.187}
 * @param environment extra environment of the make processes
 * @param inputs what else the result depends on (source and toolchain fingerprints)
 */
public record KconfigStep(String id, List<String> make, Path objDir, String baseTarget, Path baseFile,
        List<Path> fragments, String resolveTarget, String what, Map<String, String> environment,
        Step.Inputs inputs) {

    public Path configFile() {
        return objDir.resolve(".config");
    }

    public Step step() {
        return step(new Path[0]);
    }

    /** The step, reading the given source trees (shared in place: checked against their manifests first). */
    public Step step(Path... reads) {
        return step(null, reads);
    }

    /**
     * The step, with {@code first} run at the start of its action: what must go whenever an input
     * changed (coreboot's compiler choice, made for the toolchain of the fingerprint).
     */
    public Step step(Step.Action first, Path... reads) {
        Step.Builder b = Step.named(id);
        for (Path tree : reads) {
            b.reads(tree);
        }
        return b
                .inputs(fp -> {
                    inputs.describe(fp);
                    fp.param("make", String.join(" ", placeless(make)));
                    fp.param("base", baseTarget != null ? baseTarget : "file");
                    if (baseFile != null) {
                        fp.file("base-config", baseFile);
                    }
                    for (int i = 0; i < fragments.size(); i++) {
                        fp.file("fragment-" + i + ":" + fragments.get(i).getFileName(), fragments.get(i));
                    }
                    fp.param("resolve", resolveTarget);
                })
                .output(configFile())
                .action(ctx -> {
                    if (first != null) {
                        first.run(ctx);
                    }
                    for (Path f : fragments) {
                        if (!Files.isRegularFile(f)) {
                            throw new FirmwareException("Config fragment " + f + " does not exist; fix the path in "
                                    + "the pom or create the file.");
                        }
                    }
                    Files.createDirectories(objDir);
                    // The .config is made anew from the files: a menuconfig baseline from before no longer
                    // describes it, and would turn the difference (e.g. recomputed defaults) into "edits".
                    Files.deleteIfExists(objDir.resolve(ConfigEdit.BASELINE));
                    if (baseTarget != null) {
                        ctx.run(ctx.command(with(baseTarget), objDir).env(environment).build());
                    } else {
                        if (baseFile == null || !Files.isRegularFile(baseFile)) {
                            throw new FirmwareException("Base config " + baseFile + " does not exist; name a "
                                    + "defconfig target or an existing file.");
                        }
                        Files.copy(baseFile, configFile(), StandardCopyOption.REPLACE_EXISTING);
                    }
                    ConfigMerge.Result merged = ConfigMerge.mergeFiles(configFile(), fragments,
                            ConfigFile.DEFAULT_PREFIX, configFile());
                    ctx.run(ctx.command(with(resolveTarget), objDir).env(environment).build());
                    ConfigVerifier.verify(merged.requestedEntries(), ConfigFile.parse(configFile()), what);
                })
                .build();
    }

    private List<String> with(String target) {
        List<String> cmd = new ArrayList<>(make);
        cmd.add(target);
        return cmd;
    }

    /**
     * The make command without the paths that only say where to work (-C source, O=objects): the
     * source's content is an input of its own, and leaving places out lets two boards (or two
     * checkouts) share a result through the build cache.
     */
    public static List<String> placeless(List<String> make) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < make.size(); i++) {
            String arg = make.get(i);
            if (arg.equals("-C") && i + 1 < make.size()) {
                result.add("-C");
                result.add("<source>");
                i++;
            } else if (arg.startsWith("O=")) {
                result.add("O=<objects>");
            } else if (arg.startsWith("obj=") || arg.startsWith("DOTCONFIG=")) {
                // coreboot's spelling of the same thing.
                result.add(arg.substring(0, arg.indexOf('=') + 1) + "<objects>");
            } else {
                result.add(arg);
            }
        }
        return result;
    }

    /** Convenience for callers that have nothing beyond the declared parameters to fingerprint. */
    public static Step.Inputs none() {
        return (Fingerprint.Builder fp) -> {};
    }
}
