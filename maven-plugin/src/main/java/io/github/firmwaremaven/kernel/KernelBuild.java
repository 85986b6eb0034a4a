package io.github.firmwaremaven.kernel;

import io.github.firmwaremaven.fetching.PreparedSource;
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
     * What the board declares: the source, the toolchain and the work area, and through the builder
     * the base config (a target such as {@code defconfig}, or a file), fragments and make variables.
     */
    public static final class Spec {
        private final PreparedSource source;
        private final Toolchain toolchain;
        private final Path workDir;
        private final String defconfig;
        private final Path configFile;
        private final List<Path> fragments;
        private final String imageTarget;
        private final List<String> makeVariables;
        private final int jobs;
        private final boolean reuse;

        private Spec(Builder b) {
            this.source = b.source;
            this.toolchain = b.toolchain;
            this.workDir = b.workDir;
            this.defconfig = b.defconfig;
            this.configFile = b.configFile;
            this.fragments = List.copyOf(b.fragments);
            this.imageTarget = b.imageTarget;
            this.makeVariables = List.copyOf(b.makeVariables);
            this.jobs = b.jobs;
            this.reuse = b.reuse;
        }

        /** @param workDir the build's own directory: objects in {@code obj/}, the image in {@code image/} */
        public static Builder builder(PreparedSource source, Toolchain toolchain, Path workDir) {
            return new Builder(source, toolchain, workDir);
        }

        public PreparedSource source() {
            return source;
        }

        public Toolchain toolchain() {
            return toolchain;
        }

        public Path workDir() {
            return workDir;
        }

        /** Where the image and the final config are published: {@code image/} in the work area. */
        public Path outputDir() {
            return workDir.resolve("image");
        }

        public String defconfig() {
            return defconfig;
        }

        public Path configFile() {
            return configFile;
        }

        public List<Path> fragments() {
            return fragments;
        }

        public String imageTarget() {
            return imageTarget;
        }

        public List<String> makeVariables() {
            return makeVariables;
        }

        public int jobs() {
            return jobs;
        }

        /** Whether a kernel another board built with the same inputs may be used instead of building it. */
        public boolean reuse() {
            return reuse;
        }

        public static final class Builder {
            private final PreparedSource source;
            private final Toolchain toolchain;
            private final Path workDir;
            private String defconfig = "defconfig";
            private Path configFile;
            private List<Path> fragments = List.of();
            private String imageTarget;
            private List<String> makeVariables = List.of();
            private int jobs = 1;
            private boolean reuse = true;

            private Builder(PreparedSource source, Toolchain toolchain, Path workDir) {
                this.source = Objects.requireNonNull(source, "source");
                this.toolchain = Objects.requireNonNull(toolchain, "toolchain");
                this.workDir = Objects.requireNonNull(workDir, "workDir");
            }

            /** A config target for the base (tinyconfig, defconfig); unused when a config file is given. */
            public Builder defconfig(String target) {
                this.defconfig = target;
                return this;
            }

            /** A full base config instead of the target; null keeps the target. */
            public Builder configFile(Path file) {
                this.configFile = file;
                return this;
            }

            public Builder fragments(List<Path> files) {
                this.fragments = files;
                return this;
            }

            /** The make target of the image; null or blank: the architecture's usual one. */
            public Builder imageTarget(String target) {
                this.imageTarget = target;
                return this;
            }

            public Builder makeVariables(List<String> variables) {
                this.makeVariables = variables;
                return this;
            }

            public Builder jobs(int n) {
                this.jobs = n;
                return this;
            }

            public Builder reuse(boolean r) {
                this.reuse = r;
                return this;
            }

            public Spec build() {
                return new Spec(this);
            }
        }
    }

    private final Spec spec;
    private final KconfigStep config;

    public KernelBuild(Spec spec) {
        this.spec = spec;
        this.config = new KconfigStep("kernel-config", make(), objDir(), spec.configFile() == null
                ? spec.defconfig() : null, spec.configFile(), spec.fragments(), "olddefconfig", "Linux "
                + spec.source().versionOrEmpty() + " .config", environment(), fp -> {
                    fp.digest("source", spec.source().fingerprint());
                    fp.param("toolchain", spec.toolchain().identity());
                });
    }

    public Path objDir() {
        return spec.workDir().resolve("obj");
    }

    /** The image kbuild makes for the architecture, and the file it lands in. */
    public String imageTarget() {
        if (spec.imageTarget() != null && !spec.imageTarget().isBlank()) {
            return spec.imageTarget();
        }
        switch (spec.toolchain().linuxArch()) {
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
        String arch = spec.toolchain().linuxArch();
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
        List<String> cmd = new ArrayList<>();
        cmd.add("make");
        cmd.add("-C");
        cmd.add(spec.source().tree().toString());
        cmd.add("O=" + objDir());
        cmd.add("ARCH=" + linuxArchForMake());
        if (!spec.toolchain().prefix().isEmpty()) {
            cmd.add("CROSS_COMPILE=" + spec.toolchain().prefix());
        }
        cmd.addAll(spec.makeVariables());
        return cmd;
    }

    /** x86_64 rather than x86, so that a 64-bit config results whatever the base config says. */
    private String linuxArchForMake() {
        return spec.toolchain().linuxArch();
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(spec.toolchain().environment(
                io.github.firmwaremaven.processes.HostEnvironment.base()));
        return env;
    }

    /** Writes the .config from the base and the fragments, every requested symbol checked. */
    public StepResult configure(StepMachine machine) throws Exception {
        return machine.run(config.step(spec.source().tree()));
    }

    /** Configures (checked) and builds; returns the build step's result. */
    public StepResult run(StepMachine machine) throws Exception {
        StepResult configured = configure(machine);
        Step build = Step.named("kernel-build")
                .inputs(fp -> {
                    fp.upstream("kernel-config", configured.fingerprint());
                    fp.param("target", imageTarget());
                })
                .reads(spec.source().tree())
                .workArea(objDir())
                .output(image())
                .output(finalConfig())
                // Another board (or a clean checkout) may have built this exact kernel already. Without
                // reuse the kernel is built here, and still offered to the others.
                .shared("kernel", spec.reuse())
                .action(ctx -> {
                    Files.createDirectories(spec.outputDir());
                    List<String> cmd = new ArrayList<>(make());
                    cmd.add("-j" + spec.jobs());
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
