package io.github.firmwaremaven.edk2;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.processes.HostEnvironment;
import io.github.firmwaremaven.report.FirmwareVolumes;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An EDK2 platform (OVMF, ArmVirtQemu) built with the source tree only on PACKAGES_PATH: WORKSPACE,
 * Conf/ and Build/ live in the work area, so the extracted tree in the build cache is shared by all
 * boards untouched. BaseTools are built into the workspace, and shared through the build cache by
 * source and host compiler.
 */
public final class Edk2Build {

    /**
     * What the board declares: the build's inputs (the workspace goes to {@code workspace/} of the work
     * area, images to {@code fv/}), the platform, the -D defines (e.g. FD_SIZE_2MB,
     * SECURE_BOOT_ENABLE=TRUE) and the identity of the host gcc that builds BaseTools (see
     * {@code ToolIdentity}).
     */
    public record Spec(BuildInputs inputs, Edk2Platform platform, List<String> defines, String hostCompiler) {
        public Spec {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(platform, "platform");
            defines = defines == null ? List.of() : List.copyOf(defines);
            hostCompiler = hostCompiler == null ? "" : hostCompiler;
        }

        /** Where the images and their volumes' names are published: {@code fv/} in the work area. */
        public Path outputDir() {
            return inputs.dir("fv");
        }
    }

    /** The release from which edk2's GCC toolchain tag is called GCC instead of GCC5. */
    static final int GCC_TAG_SINCE = 202605;

    /** BaseTools' C tools without BrotliCompress, whose sources release tarballs leave out. */
    static final String C_TOOLS = "VfrCompile EfiRom GenFfs GenFv GenFw GenSec GenCrc32 LzmaCompress "
            + "TianoCompress VolInfo DevicePath";

    /** Where the stable links live: fixed, since java.io.tmpdir and TMPDIR vary between machines. */
    static final Path LINK_ROOT = Path.of("/tmp");

    private final Spec spec;

    public Edk2Build(Spec spec) {
        this.spec = spec;
    }

    public Path workspace() {
        return spec.inputs().dir("workspace");
    }

    /** The tag for tools_def: the board's, else by release (GCC5 before edk2-stable202605, GCC after). */
    public String toolchainTag() throws IOException {
        if (spec.platform().toolchainTag() != null && !spec.platform().toolchainTag().isBlank()) {
            return spec.platform().toolchainTag();
        }
        return tagFor(spec.inputs().source().version(),
                spec.inputs().source().tree().resolve("BaseTools/Conf/tools_def.template"));
    }

    static String tagFor(String version, Path toolsDef) throws IOException {
        Integer release = release(version);
        if (release != null) {
            return release >= GCC_TAG_SINCE ? "GCC" : "GCC5";
        }
        // No recognisable version: the template says which tags it defines.
        if (toolsDef != null && Files.isRegularFile(toolsDef)
                && Files.readString(toolsDef, StandardCharsets.ISO_8859_1).contains("*_GCC5_")) {
            return "GCC5";
        }
        return "GCC";
    }

    /** yyyymm from "2022.11", "202211", "edk2-stable202211" or "stable202211.1"; null if none. */
    static Integer release(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = Pattern.compile("(20\\d\\d)[.-]?(0[1-9]|1[0-2])").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1) + m.group(2)) : null;
    }

    /** edk2's architecture name for -a. */
    public String edkArch() {
        return spec.platform().arch().toUpperCase(java.util.Locale.ROOT);
    }

    /** build -p .. -a .. -t .. -b .. -n .. -D... */
    List<String> buildCommand(String tag) {
        List<String> cmd = new ArrayList<>(List.of("build", "-p", spec.platform().dsc(), "-a", edkArch(), "-t",
                tag, "-b", spec.platform().buildTarget(), "-n", Integer.toString(spec.inputs().jobs())));
        for (String d : spec.defines()) {
            cmd.add("-D");
            cmd.add(d);
        }
        return cmd;
    }

    /** The cross-prefix variable edk2 reads for the tag and architecture, e.g. GCC5_AARCH64_PREFIX. */
    static String prefixVariable(String tag, String edkArch) {
        if (edkArch.equals("X64") || edkArch.equals("IA32")) {
            return tag + "_BIN";
        }
        return tag + "_" + edkArch + "_PREFIX";
    }

    Map<String, String> environment(Path baseTools, String tag) {
        return environment(baseTools, tag, workspace(), spec.inputs().source().tree());
    }

    /** The build's environment with WORKSPACE and PACKAGES_PATH as given (the stable links). */
    Map<String, String> environment(Path baseTools, String tag, Path ws, Path src) {
        Map<String, String> env = new LinkedHashMap<>(spec.inputs().toolchain().environment(HostEnvironment.base()));
        String path = env.getOrDefault("PATH", HostEnvironment.base().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PATH", baseTools.resolve("BinWrappers/PosixLike") + ":" + path);
        env.put("WORKSPACE", ws.toString());
        env.put("PACKAGES_PATH", src.toString());
        env.put("EDK_TOOLS_PATH", baseTools.toString());
        env.put("BASE_TOOLS_PATH", baseTools.toString());
        env.put("CONF_PATH", ws.resolve("Conf").toString());
        env.put("PYTHON_COMMAND", "python3");
        if (!spec.inputs().toolchain().prefix().isEmpty()) {
            env.put(prefixVariable(tag, edkArch()), spec.inputs().toolchain().prefix());
        }
        return env;
    }

    /** Where this board's BaseTools live: in the workspace, so the stable link shows them at a fixed path too. */
    Path baseToolsDir() {
        return workspace().resolve("BaseTools");
    }

    /**
     * BaseTools for this source and host compiler, built once (by any board) and shared; each board
     * gets its own copy, so the Python caches a build writes into it stay the board's.
     */
    StepResult baseTools(StepMachine machine) throws Exception {
        Path dir = baseToolsDir();
        return machine.run(Step.named("edk2-basetools")
                .inputs(fp -> {
                    fp.digest("source", spec.inputs().source().fingerprint());
                    fp.param("tools", C_TOOLS);
                    fp.param("host-compiler", spec.hostCompiler());
                })
                .reads(spec.inputs().source().tree())
                .output(dir)
                .shared("edk2-basetools", true)
                .action(ctx -> {
                    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
                    io.github.firmwaremaven.trees.TreeDelete.delete(tmp);
                    copyTree(spec.inputs().source().tree().resolve("BaseTools"), tmp);
                    ctx.run(ctx.command(List.of("make", "-C", tmp.resolve("Source/C").toString(),
                            "-j" + spec.inputs().jobs(), "APPLICATIONS=" + C_TOOLS), tmp).build());
                    io.github.firmwaremaven.trees.TreeDelete.delete(dir);
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                })
                .build());
    }

    /** What is built, without where: names the stable link directory (16 hex digits). */
    String stableKey(String tag) {
        return io.github.firmwaremaven.steps.Digests.sha256(String.join("|", spec.inputs().source().fingerprint(),
                spec.inputs().toolchain().identity(), spec.platform().dsc(), spec.platform().arch(),
                spec.platform().buildTarget(), tag,
                String.join(" ", spec.defines()))).substring(0, 16);
    }

    /** Builds the platform; returns the step's result. Outputs are the FV/*.fd files and their volumes' names. */
    public StepResult run(StepMachine machine) throws Exception {
        String tag = toolchainTag();
        StepResult baseTools = baseTools(machine);
        Step build = Step.named("edk2-build")
                .inputs(fp -> {
                    fp.digest("source", spec.inputs().source().fingerprint());
                    spec.inputs().toolchain().describe(fp);
                    fp.upstream("edk2-basetools", baseTools.fingerprint());
                    fp.param("command", String.join(" ", buildCommand(tag)));
                })
                .reads(spec.inputs().source().tree())
                .workArea(workspace())
                .output(spec.outputDir())
                .action(ctx -> {
                    try (StableWorkspace stable = StableWorkspace.open(LINK_ROOT, stableKey(tag), workspace(),
                            spec.inputs().source().tree())) {
                        ctx.log().info("EDK2 workspace seen as " + stable.workspace() + ", sources as "
                                + stable.source() + " (build paths end up in the images)");
                        Path tools = stable.workspace().resolve(workspace().relativize(baseToolsDir()));
                        prepareWorkspace(tools, ctx, stable.source());
                        ctx.run(ctx.command(buildCommand(tag), stable.workspace())
                                .env(environment(tools, tag, stable.workspace(), stable.source())).build());
                    }
                    Path fv = findFv(tag);
                    Path out = spec.outputDir();
                    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
                    io.github.firmwaremaven.trees.TreeDelete.delete(tmp);
                    Files.createDirectories(tmp);
                    try (Stream<Path> s = Files.list(fv)) {
                        for (Path f : (Iterable<Path>) s::iterator) {
                            if (f.getFileName().toString().endsWith(".fd")) {
                                Files.copy(f, tmp.resolve(f.getFileName()));
                            }
                        }
                    }
                    // The volumes' names live in the work area's FV/*.ext; the report needs them with the images.
                    FirmwareVolumes.writeNamesBeside(FirmwareVolumes.namesFromExtFiles(fv), tmp);
                    io.github.firmwaremaven.trees.TreeDelete.delete(out);
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                })
                .build();
        return machine.run(build);
    }

    /** Conf/ from BaseTools' templates, plus what distributions add; liblto for AArch64 GCC LTO links. */
    void prepareWorkspace(Path baseTools, io.github.firmwaremaven.steps.StepContext ctx, Path source)
            throws Exception {
        Path conf = Files.createDirectories(workspace().resolve("Conf"));
        Path templates = baseTools.resolve("Conf");
        Files.copy(templates.resolve("target.template"), conf.resolve("target.txt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(templates.resolve("build_rule.template"), conf.resolve("build_rule.txt"),
                StandardCopyOption.REPLACE_EXISTING);
        String toolsDef = Files.readString(templates.resolve("tools_def.template"), StandardCharsets.ISO_8859_1);
        Files.writeString(conf.resolve("tools_def.txt"), withoutStackProtector(toolsDef), StandardCharsets.ISO_8859_1);
        if (edkArch().equals("AARCH64") || edkArch().equals("ARM")) {
            // tools_def links $(WORKSPACE)/ArmPkg/Library/GccLto/liblto-<arch>.a, which source tarballs
            // lack; it is assembled from the .s beside it, as distributions do.
            String name = edkArch().equals("ARM") ? "arm" : "aarch64";
            Path dir = Files.createDirectories(workspace().resolve("ArmPkg/Library/GccLto"));
            Path s = source.resolve("ArmPkg/Library/GccLto/liblto-" + name + ".s");
            Path a = dir.resolve("liblto-" + name + ".a");
            if (Files.isRegularFile(s)) {
                ctx.run(ctx.command(List.of(spec.inputs().toolchain().tool("gcc"), "-c", "-fpic", s.toString(), "-o",
                        a.toString()), dir).env(spec.inputs().toolchain().environment(HostEnvironment.base())).build());
            }
        }
    }

    /** Newer GCCs default to a stack protector that firmware has no runtime for. */
    static String withoutStackProtector(String toolsDef) {
        return toolsDef.replaceFirst("(?m)^(DEFINE GCC_ALL_CC_FLAGS\\s*=.*)$", "$1 -fno-stack-protector");
    }

    private Path findFv(String tag) throws IOException, FirmwareException {
        String wanted = spec.platform().buildTarget() + "_" + tag;
        try (Stream<Path> s = Files.walk(workspace().resolve("Build"), 3)) {
            return s.filter(p -> p.getFileName().toString().equals("FV") && p.getParent().getFileName().toString()
                    .equals(wanted)).findFirst().orElseThrow(() -> new FirmwareException("edk2 built no "
                            + wanted + "/FV under " + workspace().resolve("Build")));
        }
    }

    public Path output(String name) {
        return spec.outputDir().resolve(name);
    }

    /** Which image becomes which artifact, by the file name edk2's FDF gives it. */
    private static final Map<String, ArtifactKind> KINDS = new java.util.TreeMap<>(Map.of(
            "OVMF.fd", ArtifactKind.OVMF,
            "OVMF_CODE.fd", ArtifactKind.OVMF_CODE,
            "OVMF_VARS.fd", ArtifactKind.OVMF_VARS,
            "QEMU_EFI.fd", ArtifactKind.QEMU_EFI,
            "QEMU_VARS.fd", ArtifactKind.QEMU_VARS));

    /** Records every image the build made as its artifact kind; returns what it recorded. */
    public List<Output> recordOutputs(OutputRegistry registry) throws IOException {
        List<Output> recorded = new ArrayList<>();
        for (Map.Entry<String, ArtifactKind> e : KINDS.entrySet()) {
            Path f = output(e.getKey());
            if (Files.isRegularFile(f)) {
                Output o = Output.of(e.getValue(), f);
                registry.record(o);
                recorded.add(o);
            }
        }
        return recorded;
    }

    static void copyTree(Path from, Path to) throws IOException {
        io.github.firmwaremaven.trees.TreeCopy.copy(from, to);
    }
}
