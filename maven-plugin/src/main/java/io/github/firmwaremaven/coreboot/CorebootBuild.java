package io.github.firmwaremaven.coreboot;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.kconfig.ConfigEdit;
import io.github.firmwaremaven.kconfig.ConfigEntry;
import io.github.firmwaremaven.kconfig.ConfigFile;
import io.github.firmwaremaven.kconfig.KconfigStep;
import io.github.firmwaremaven.processes.HostEnvironment;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * coreboot, configured from the board's defconfig-style file and built with a declared toolchain.
 * Every make runs with {@code obj=} and {@code DOTCONFIG=} in the work area, so the extracted tree
 * (shared through the build cache by all boards) is only read.
 *
 * <p>The payload is staged at fixed paths in the work area that the goal's own fragment names: a new
 * kernel or initramfs leaves the config alone, and make then only repacks CBFS.
 */
public final class CorebootBuild {
    /** A Linux payload (bzImage + initramfs + command line) or any ELF/FIT payload file. */
    public record Payload(Path kernel, Path initrd, String commandLine, Path elf) {
        public static Payload linux(Path kernel, Path initrd, String commandLine) {
            return new Payload(kernel, initrd, commandLine, null);
        }

        public static Payload elf(Path file) {
            return new Payload(null, null, null, file);
        }
    }

    /**
     * What the board declares: the build's inputs (objects go to {@code build/} of the work area, the
     * ROM to {@code image/}), the board's defconfig-style file, the payload (null: a ROM without one),
     * CONFIG_LOCALVERSION (null or blank leaves it out) and BUILD_TIMELESS (no build date in the ROM).
     */
    public record Spec(BuildInputs inputs, Path boardConfig, Payload payload, String localVersion,
            boolean timeless) {
        public Spec {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(boardConfig, "boardConfig");
        }

        /** Where the ROM, its layout and the final config are published: {@code image/} in the work area. */
        public Path outputDir() {
            return inputs.dir("image");
        }
    }

    private final Spec spec;
    private final KconfigStep config;

    public CorebootBuild(Spec spec) {
        this.spec = spec;
        this.config = new KconfigStep("coreboot-config", make(), objDir(), null, baseConfig(),
                List.of(spec.boardConfig(), goalFragment()), "olddefconfig",
                "coreboot " + spec.inputs().source().versionOrEmpty() + " config", environment(), fp -> {
                    fp.digest("source", spec.inputs().source().fingerprint());
                    spec.inputs().toolchain().describe(fp);
                });
    }

    public Path objDir() {
        return spec.inputs().dir("build");
    }

    public Path rom() {
        return spec.outputDir().resolve("coreboot.rom");
    }

    public Path layout() {
        return spec.outputDir().resolve("cbfs-layout.txt");
    }

    public Path finalConfig() {
        return spec.outputDir().resolve("coreboot.config");
    }

    Path baseConfig() {
        return spec.inputs().dir("base.config");
    }

    /** Symbols the goal sets: toolchain, payload at its staged paths, version string. */
    Path goalFragment() {
        return spec.inputs().dir("goal.config");
    }

    /**
     * What the config says for the payload files. coreboot stores its config in the ROM (CBFS file
     * "config"), so an absolute path there would make ROMs differ between directories; the config
     * carries these names and make gets the real paths on its command line (see payloadPaths()).
     */
    static final String KERNEL_NAME = "payload/kernel";
    static final String INITRD_NAME = "payload/initrd";

    /** make variables that point the config's payload names at the staged files. */
    List<String> payloadPaths() {
        Payload p = spec.payload();
        if (p == null) {
            return List.of();
        }
        List<String> vars = new ArrayList<>();
        vars.add("CONFIG_PAYLOAD_FILE=" + stagedKernel());
        if (p.elf() == null && p.initrd() != null) {
            vars.add("CONFIG_LINUX_INITRD=" + stagedInitrd());
        }
        return vars;
    }

    Path stagedKernel() {
        return spec.inputs().dir("payload/kernel");
    }

    Path stagedInitrd() {
        return spec.inputs().dir("payload/initrd");
    }

    /** make -C src obj=.. DOTCONFIG=..; the toolchain travels in the environment (see environment()). */
    List<String> make() {
        List<String> args = new ArrayList<>();
        args.add("obj=" + objDir());
        args.add("DOTCONFIG=" + objDir().resolve(".config"));
        // GCC 12 warns where coreboot 4.15 did not expect it, and the symbol has no prompt.
        args.add("CONFIG_WARNINGS_ARE_ERRORS=");
        if (spec.timeless()) {
            args.add("BUILD_TIMELESS=1");
            // Timeless builds otherwise print -TIMELESS--LESSTIME- where the version belongs.
            if (!spec.inputs().source().versionOrEmpty().isBlank()) {
                args.add("KERNELVERSION=" + spec.inputs().source().version());
            }
        }
        return spec.inputs().make(args);
    }

    /**
     * menuconfig / update-config on this build's .config, writing back into the board's config file.
     * savedefconfig gets {@code DEFCONFIG=} in the work area: coreboot's default is {@code defconfig}
     * in make's directory, which is the shared source tree.
     */
    public ConfigEdit.Target configTarget(Path boardConfig) throws IOException, FirmwareException {
        return new ConfigEdit.Target("coreboot", make(), objDir(), environment(), boardConfig,
                ConfigFile.DEFAULT_PREFIX, true, List.of("DEFCONFIG=" + objDir().resolve("defconfig")), goalOwned());
    }

    /**
     * Symbols the goal decides from the pom, so an edit in menuconfig cannot go into the board's
     * config (the goal's fragment comes after it and wins): what the last build's goal fragment set
     * (or would set), and every member of the payload choice, which {@code <payload>} picks.
     */
    Map<String, String> goalOwned() throws IOException, FirmwareException {
        String text = Files.isRegularFile(goalFragment())
                ? Files.readString(goalFragment(), StandardCharsets.UTF_8) : goalFragmentText();
        Map<String, String> owned = new LinkedHashMap<>();
        for (ConfigEntry e : ConfigFile.parse(text, goalFragment().toString(), ConfigFile.DEFAULT_PREFIX).entries()) {
            owned.put(e.symbol(), pomSetting(e.symbol()));
        }
        for (String symbol : payloadChoice(spec.inputs().source().tree())) {
            owned.putIfAbsent(symbol, pomSetting("PAYLOAD_"));
        }
        return owned;
    }

    private static String pomSetting(String symbol) {
        switch (symbol) {
            case "ANY_TOOLCHAIN": return "<coreboot><toolchain> (build-coreboot always uses an external toolchain)";
            case "LOCALVERSION": return "<coreboot><localVersion>";
            case "LINUX_COMMAND_LINE": return "<coreboot><commandLine>";
            case "LINUX_INITRD": return "<coreboot><initrd> (default: the board's initramfs)";
            default: return "<coreboot><payload> and <payloadFile>";
        }
    }

    /** The members of coreboot's "Add a payload" choice: payloads/Kconfig's own and every external payload's. */
    static List<String> payloadChoice(Path source) throws IOException {
        List<String> symbols = new ArrayList<>();
        Path kconfig = source.resolve("payloads/Kconfig");
        if (Files.isRegularFile(kconfig)) {
            String text = Files.readString(kconfig, StandardCharsets.ISO_8859_1);
            int start = text.indexOf("\nchoice");
            int end = text.indexOf("\nendchoice", Math.max(start, 0));
            if (start >= 0 && end > start) {
                symbols.addAll(configSymbols(text.substring(start, end)));
            }
        }
        Path external = source.resolve("payloads/external");
        if (Files.isDirectory(external)) {
            try (Stream<Path> dirs = Files.list(external)) {
                for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                    Path name = d.resolve("Kconfig.name");
                    if (Files.isRegularFile(name)) {
                        symbols.addAll(configSymbols(Files.readString(name, StandardCharsets.ISO_8859_1)));
                    }
                }
            }
        }
        return symbols;
    }

    private static List<String> configSymbols(String kconfigText) {
        List<String> symbols = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^config\\s+(\\w+)").matcher(kconfigText);
        while (m.find()) {
            symbols.add(m.group(1));
        }
        return symbols;
    }

    /** xcompile's architecture name, as in its CROSS_COMPILE_&lt;arch&gt; variable. */
    public static String crossArch(String gnuArch) {
        if (gnuArch.matches("i[3-6]86")) {
            return "x86";
        }
        switch (gnuArch) {
            case "x86_64": return "x64";
            case "aarch64": return "arm64";
            case "riscv64": case "riscv32": return "riscv";
            case "powerpc64le": case "ppc64le": case "powerpc64": return "ppc64";
            default: return gnuArch.startsWith("arm") ? "arm" : gnuArch;
        }
    }

    /**
     * xcompile reads CROSS_COMPILE_&lt;arch&gt; from the environment (not from make's command line);
     * without it, it would pick whatever compiler it finds first, e.g. the host's gcc -m32.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(spec.inputs().toolchain().environment(HostEnvironment.base()));
        env.put("CROSS_COMPILE_" + crossArch(spec.inputs().toolchain().gnuArch()), spec.inputs().toolchain().prefix());
        return env;
    }

    /** The fragment the goal adds after the board's config; every symbol in it is checked too. */
    String goalFragmentText() {
        StringBuilder sb = new StringBuilder("# Written by build-coreboot; the board's config comes before it.\n");
        sb.append("CONFIG_ANY_TOOLCHAIN=y\n");
        if (spec.localVersion() != null && !spec.localVersion().isBlank()) {
            sb.append("CONFIG_LOCALVERSION=").append(quote(spec.localVersion())).append('\n');
        }
        Payload p = spec.payload();
        if (p == null) {
            sb.append("CONFIG_PAYLOAD_NONE=y\n");
        } else if (p.elf() != null) {
            sb.append("CONFIG_PAYLOAD_ELF=y\n");
            sb.append("CONFIG_PAYLOAD_FILE=").append(quote(KERNEL_NAME)).append('\n');
        } else {
            sb.append("CONFIG_PAYLOAD_LINUX=y\n");
            sb.append("CONFIG_PAYLOAD_FILE=").append(quote(KERNEL_NAME)).append('\n');
            if (p.initrd() != null) {
                sb.append("CONFIG_LINUX_INITRD=").append(quote(INITRD_NAME)).append('\n');
            }
            if (p.commandLine() != null) {
                sb.append("CONFIG_LINUX_COMMAND_LINE=").append(quote(p.commandLine())).append('\n');
            }
        }
        return sb.toString();
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Writes the .config from the board's config and the goal's fragment, every symbol checked. */
    public StepResult configure(StepMachine machine) throws Exception {
        if (!Files.isRegularFile(spec.boardConfig())) {
            throw new FirmwareException("coreboot config " + spec.boardConfig() + " does not exist; point "
                    + "<coreboot><config> at the board's defconfig-style file.");
        }
        Files.createDirectories(spec.inputs().workDir());
        writeIfChanged(baseConfig(), "# Empty: the board's config and the goal's symbols are all checked.\n");
        writeIfChanged(goalFragment(), goalFragmentText());
        // xcompile caches its compiler choice in obj/xcompile. The toolchain is in this step's
        // fingerprint, so another toolchain runs the step, and its choice is made again.
        return machine.run(config.step(ctx -> Files.deleteIfExists(xcompile()), spec.inputs().source().tree()));
    }

    /** Configures (checked), builds, records the CBFS layout; returns the build step's result. */
    public StepResult run(StepMachine machine) throws Exception {
        StepResult configured = configure(machine);
        Payload p = spec.payload();
        Step build = Step.named("coreboot-build")
                .inputs(fp -> {
                    fp.upstream("coreboot-config", configured.fingerprint());
                    if (p != null) {
                        Path payloadFile = p.elf() != null ? p.elf() : p.kernel();
                        fp.file("payload", payloadFile);
                        if (p.initrd() != null) {
                            fp.file("initrd", p.initrd());
                        }
                    }
                })
                .reads(spec.inputs().source().tree())
                .workArea(objDir())
                .output(rom())
                .output(layout())
                .output(finalConfig())
                .action(ctx -> {
                    Files.createDirectories(spec.outputDir());
                    stagePayload();
                    List<String> cmd = new ArrayList<>(make());
                    cmd.addAll(payloadPaths());
                    cmd.add("-j" + spec.inputs().jobs());
                    try {
                        ctx.run(ctx.command(cmd, objDir()).env(environment()).build());
                    } catch (ProcessFailedException e) {
                        throw explain(e);
                    }
                    AtomicFiles.copy(objDir().resolve("coreboot.rom"), rom());
                    AtomicFiles.copy(config.configFile(), finalConfig());
                    Path printed = spec.inputs().dir("cbfs-print.log");
                    Files.deleteIfExists(printed);
                    ctx.run(ctx.command(List.of(cbfstool().toString(), rom().toString(), "print"), spec.inputs().workDir())
                            .logFile(printed).build());
                    List<String> lines = Files.readAllLines(printed, StandardCharsets.UTF_8);
                    // The runner's first two lines name the command; the layout follows.
                    List<String> table = lines.subList(Math.min(2, lines.size()), lines.size());
                    writeIfChanged(layout(), String.join("\n", table) + "\n");
                    ctx.log().info("CBFS layout of " + rom() + ":");
                    for (String line : table) {
                        ctx.log().info("  " + line);
                    }
                })
                .build();
        return machine.run(build);
    }

    /** Where coreboot keeps the compilers xcompile found (made by the build's make when missing). */
    Path xcompile() {
        return objDir().resolve("xcompile");
    }

    Path cbfstool() {
        return objDir().resolve("util/cbfstool/cbfstool");
    }

    private void stagePayload() throws IOException {
        Payload p = spec.payload();
        if (p == null) {
            return;
        }
        Files.createDirectories(stagedKernel().getParent());
        Path file = p.elf() != null ? p.elf() : p.kernel();
        if (file == null || !Files.isRegularFile(file)) {
            throw new IOException("coreboot payload " + file + " does not exist");
        }
        AtomicFiles.copy(file, stagedKernel());
        if (p.initrd() != null) {
            AtomicFiles.copy(p.initrd(), stagedInitrd());
        }
    }

    /** coreboot's own message stays; we add what to change in the board. */
    static Exception explain(ProcessFailedException e) {
        String tail = String.join("\n", e.lastLines());
        if (tail.contains("not enough space") || tail.contains("Could not add") && tail.contains("payload")) {
            return new FirmwareException(e.getMessage() + "\nThe payload does not fit into the ROM: choose a "
                    + "larger CONFIG_COREBOOT_ROMSIZE_KB_<size> (e.g. CONFIG_COREBOOT_ROMSIZE_KB_8192=y) in the "
                    + "board's coreboot config, or make the kernel/initramfs smaller.", e);
        }
        return e;
    }

    static void writeIfChanged(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        AtomicFiles.writeString(file, text);
    }
}
