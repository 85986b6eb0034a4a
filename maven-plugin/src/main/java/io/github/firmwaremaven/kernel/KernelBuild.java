package io.github.firmwaremaven.kernel;

import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.kconfig.KconfigStep;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Linux, configured and built out of tree. Every make runs with {@code O=}: one in-tree command
 * leaves generated files that make every later O= build refuse the tree (and Debian's repacked 6.1
 * cannot even run mrproper), so the extracted source stays untouched and shareable.
 */
public final class KernelBuild {
    /**
     * What the board declares: the build's inputs (objects go to {@code obj/} of the work area, the
     * image to {@code image/}), the base config (a target such as {@code defconfig}, used when no
     * config file is given), fragments, the image's make target (null: the architecture's usual one)
     * whether a kernel another board built with the same inputs may be used instead, and the role
     * (null for the board's kernel; a name such as {@code guest} for each further one, whose steps are
     * {@code kernel-<role>-config} and {@code kernel-<role>-build}).
     */
    public record Spec(BuildInputs inputs, String defconfig, Path configFile, List<Path> fragments,
            String imageTarget, boolean reuse, String role) {
        public Spec {
            Objects.requireNonNull(inputs, "inputs");
            defconfig = defconfig == null ? "defconfig" : defconfig;
            fragments = fragments == null ? List.of() : List.copyOf(fragments);
        }

        /** The board's own kernel. */
        public Spec(BuildInputs inputs, String defconfig, Path configFile, List<Path> fragments, String imageTarget,
                boolean reuse) {
            this(inputs, defconfig, configFile, fragments, imageTarget, reuse, null);
        }

        /** The prefix of its steps' ids. */
        public String stepPrefix() {
            return role == null ? "kernel" : "kernel-" + role;
        }

        /** Where the image and the final config are published: {@code image/} in the work area. */
        public Path outputDir() {
            return inputs.dir("image");
        }
    }

    private final Spec spec;
    private final KconfigStep config;

    public KernelBuild(Spec spec) {
        this.spec = spec;
        this.config = new KconfigStep(spec.stepPrefix() + "-config", make(), objDir(), spec.configFile() == null
                ? spec.defconfig() : null, spec.configFile(), spec.fragments(), "olddefconfig", "Linux "
                + spec.inputs().source().versionOrEmpty() + " .config", environment(), fp -> {
                    fp.digest("source", spec.inputs().source().fingerprint());
                    fp.param("toolchain", spec.inputs().toolchain().identity());
                });
    }

    public Path objDir() {
        return spec.inputs().dir("obj");
    }

    /** The image kbuild makes for the architecture, and the file it lands in. */
    public String imageTarget() {
        if (spec.imageTarget() != null && !spec.imageTarget().isBlank()) {
            return spec.imageTarget();
        }
        switch (spec.inputs().toolchain().linuxArch()) {
            case "x86":
            case "x86_64":
                return "bzImage";
            case "arm64":
            case "riscv":
                return "Image";
            default:
                return "zImage";
        }
    }

    public Path builtImage() {
        String arch = spec.inputs().toolchain().linuxArch();
        String dir = arch.equals("x86_64") ? "x86" : arch;
        return objDir().resolve("arch").resolve(dir).resolve("boot").resolve(imageTarget());
    }

    /** Where the image is published: stable, outside the object tree. */
    public Path image() {
        return spec.outputDir().resolve(imageTarget());
    }

    public Path finalConfig() {
        return spec.outputDir().resolve("kernel.config");
    }

    /** What menuconfig and update-config work on: this build's O= directory and make command. */
    public io.github.firmwaremaven.kconfig.ConfigEdit.Target configTarget(Path fragment) {
        return new io.github.firmwaremaven.kconfig.ConfigEdit.Target("kernel", make(), objDir(), environment(),
                fragment, io.github.firmwaremaven.kconfig.ConfigFile.DEFAULT_PREFIX, true);
    }

    /** make -C src O=obj ARCH=.. CROSS_COMPILE=.. plus the board's variables. */
    List<String> make() {
        List<String> args = new ArrayList<>();
        args.add("O=" + objDir());
        // x86_64 rather than x86, so that a 64-bit config results whatever the base config says.
        args.add("ARCH=" + spec.inputs().toolchain().linuxArch());
        if (!spec.inputs().toolchain().prefix().isEmpty()) {
            args.add("CROSS_COMPILE=" + spec.inputs().toolchain().prefix());
        }
        return spec.inputs().make(args);
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(spec.inputs().toolchain().environment(
                io.github.firmwaremaven.processes.HostEnvironment.base()));
        return env;
    }

    /** Writes the .config from the base and the fragments, every requested symbol checked. */
    public StepResult configure(StepMachine machine) throws Exception {
        return machine.run(config.step(spec.inputs().source().tree()));
    }

    /** Configures (checked) and builds; returns the build step's result. */
    public StepResult run(StepMachine machine) throws Exception {
        StepResult configured = configure(machine);
        Step build = Step.named(spec.stepPrefix() + "-build")
                .inputs(fp -> {
                    fp.upstream("kernel-config", configured.fingerprint());
                    fp.param("target", imageTarget());
                })
                .reads(spec.inputs().source().tree())
                .workArea(objDir())
                .output(image())
                .output(finalConfig())
                // Another board (or a clean checkout) may have built this exact kernel already. Without
                // reuse the kernel is built here, and still offered to the others.
                // Every role shares under one name: a guest configured as the host is the host's image.
                .shared("kernel", "kernel-build", spec.reuse())
                .action(ctx -> {
                    Files.createDirectories(spec.outputDir());
                    List<String> cmd = new ArrayList<>(make());
                    cmd.add("-j" + spec.inputs().jobs());
                    cmd.add(imageTarget());
                    ctx.run(ctx.command(cmd, objDir()).env(environment()).build());
                    copyAtomically(builtImage(), image());
                    copyAtomically(config.configFile(), finalConfig());
                })
                .build();
        return machine.run(build);
    }

    static void copyAtomically(Path from, Path to) throws java.io.IOException {
        io.github.firmwaremaven.trees.AtomicFiles.copy(from, to);
    }
}
