package io.github.firmwaremaven.rootfs;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.kconfig.KconfigStep;
import io.github.firmwaremaven.processes.HostEnvironment;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.trees.TreeCopy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the userland packages statically with the target toolchain, each installed into a
 * directory of its own, then merged into one staging tree for pack-initramfs. Installing per
 * package keeps a rebuild of one from disturbing the others' files.
 */
public final class RootfsBuild {
    private final Toolchain toolchain;
    private final Path workDir;
    private final Path stagingDir;
    private final int jobs;
    private final boolean reuse;

    public RootfsBuild(Toolchain toolchain, Path workDir, Path stagingDir, int jobs) {
        this(toolchain, workDir, stagingDir, jobs, false);
    }

    /**
     * @param reuse whether an install tree built from the same inputs elsewhere (another board or
     *     checkout: the packages build the same bytes whatever the directory) may be taken from the
     *     build cache; without, the package is built here and the result is still offered to the others
     */
    public RootfsBuild(Toolchain toolchain, Path workDir, Path stagingDir, int jobs, boolean reuse) {
        this.toolchain = toolchain;
        this.workDir = workDir;
        this.stagingDir = stagingDir;
        this.jobs = jobs;
        this.reuse = reuse;
    }

    public Path stagingDir() {
        return stagingDir;
    }

    /** Where build-rootfs works inside a board's build area. */
    public static Path workDirIn(Path buildArea) {
        return buildArea.resolve("rootfs");
    }

    /** The final configuration of the kconfig package {@code name}, as built under {@code workDir}. */
    public static Path finalConfig(Path workDir, String name) {
        return objDir(workDir, name).resolve(".config");
    }

    private static Path objDir(Path workDir, String name) {
        return workDir.resolve(name).resolve("obj");
    }

    Path objDir(RootfsPackage p) {
        return objDir(workDir, p.name());
    }

    Path installDir(RootfsPackage p) {
        return installDirIn(workDir, p.name());
    }

    /** Where the package {@code name} is installed under {@code workDir}: what an image of some packages packs. */
    public static Path installDirIn(Path workDir, String name) {
        return workDir.resolve(name).resolve("install");
    }

    Map<String, String> environment() {
        return new LinkedHashMap<>(toolchain.environment(HostEnvironment.base()));
    }

    /** Runs every package's steps, then the merge into the staging tree; returns the merge's result. */
    public StepResult run(StepMachine machine, List<RootfsPackage> packages) throws Exception {
        if (!toolchain.cLibrary()) {
            String pkg = io.github.firmwaremaven.toolchain.DebianPackages.libcDev(toolchain.prefix());
            throw new io.github.firmwaremaven.errors.FirmwareException("Toolchain '" + toolchain.name() + "' ("
                    + toolchain.triple() + ") has no C library, so it cannot build the userland packages ("
                    + packages.stream().map(RootfsPackage::name).collect(java.util.stream.Collectors.joining(", "))
                    + "). Install " + pkg + " (apt-get install " + pkg + "), or point <rootfs><toolchain> at a "
                    + "toolchain with a C library (a source-built musl toolchain).");
        }
        List<StepResult> installed = new ArrayList<>();
        for (RootfsPackage p : packages) {
            installed.add(machine.run(p.kind() == RootfsPackage.Kind.KCONFIG ? kconfigPackage(machine, p)
                    : p.kind() == RootfsPackage.Kind.MAKE ? makePackage(p) : autotoolsPackage(machine, p)));
        }
        Step merge = Step.named("rootfs-staging")
                .inputs(fp -> {
                    for (int i = 0; i < packages.size(); i++) {
                        fp.upstream(packages.get(i).name() + "-install", installed.get(i).fingerprint());
                    }
                })
                .output(stagingDir)
                .action(ctx -> {
                    Path tmp = stagingDir.resolveSibling(stagingDir.getFileName() + ".tmp");
                    TreeDelete.delete(tmp);
                    Files.createDirectories(tmp);
                    for (RootfsPackage p : packages) {
                        copyTree(installDir(p), tmp);
                    }
                    TreeDelete.delete(stagingDir);
                    Files.move(tmp, stagingDir, StandardCopyOption.ATOMIC_MOVE);
                })
                .build();
        return machine.run(merge);
    }

    /** Runs only a kconfig package's configuration step (menuconfig on a board not built yet). */
    public StepResult configure(StepMachine machine, RootfsPackage p) throws Exception {
        return machine.run(kconfigStep(p).step(p.source()));
    }

    /** busybox's configuration: defconfig + the board's fragments + static linking. */
    private KconfigStep kconfigStep(RootfsPackage p) throws IOException {
        Path obj = objDir(p);
        Files.createDirectories(obj.getParent());
        // Static, so the initramfs needs no libc; written as a fragment so the check covers it.
        Path forced = obj.getParent().resolve("forced.config");
        String forcedText = "CONFIG_STATIC=y\n" + (toolchain.prefix().isEmpty() ? ""
                : "CONFIG_CROSS_COMPILER_PREFIX=\"" + toolchain.prefix() + "\"\n");
        if (!Files.isRegularFile(forced) || !Files.readString(forced).equals(forcedText)) {
            Files.writeString(forced, forcedText, StandardCharsets.UTF_8);
        }
        List<Path> fragments = new ArrayList<>(p.configFragments());
        fragments.add(forced);
        List<String> make = make(p, obj);
        return new KconfigStep(p.name() + "-config", make, obj, "defconfig", null, fragments,
                "oldconfig", p.name() + " .config", environment(), fp -> {
                    fp.digest("source", p.sourceFingerprint());
                    fp.param("toolchain", toolchain.identity());
                });
    }

    /** busybox: defconfig + the board's fragments + static linking, built with O=. */
    private Step kconfigPackage(StepMachine machine, RootfsPackage p) throws Exception {
        Path obj = objDir(p);
        List<String> make = make(p, obj);
        StepResult configured = configure(machine, p);
        return Step.named(p.name() + "-install")
                .inputs(fp -> fp.upstream(p.name() + "-config", configured.fingerprint()))
                .reads(p.source())
                .workArea(obj)
                .output(installDir(p))
                .shared("rootfs", reuse)
                .action(ctx -> {
                    List<String> build = new ArrayList<>(make);
                    build.add("-j" + jobs);
                    ctx.run(ctx.command(build, obj).env(environment()).build());
                    Path tmp = fresh(installDir(p));
                    List<String> install = new ArrayList<>(make);
                    install.add("CONFIG_PREFIX=" + tmp);
                    install.add("install");
                    ctx.run(ctx.command(install, obj).env(environment()).build());
                    strip(ctx, tmp, environment());
                    publish(tmp, installDir(p));
                })
                .build();
    }

    /** What menuconfig and update-config work on for a kconfig package; busybox has no savedefconfig. */
    public io.github.firmwaremaven.kconfig.ConfigEdit.Target configTarget(RootfsPackage p, Path fragment) {
        return new io.github.firmwaremaven.kconfig.ConfigEdit.Target(p.name(), make(p, objDir(p)), objDir(p),
                environment(), fragment, io.github.firmwaremaven.kconfig.ConfigFile.DEFAULT_PREFIX, false);
    }

    private List<String> make(RootfsPackage p, Path obj) {
        List<String> make = new ArrayList<>(List.of("make", "-C", p.source().toString(), "O=" + obj));
        if (!toolchain.prefix().isEmpty()) {
            make.add("CROSS_COMPILE=" + toolchain.prefix());
        }
        make.addAll(p.makeArgs());
        return make;
    }

    /**
     * kexec-tools and other autotools packages, built in a private copy of the source tree: release
     * tarballs may ship a generated config.h that would shadow ours in a VPATH build (kexec-tools
     * 2.0.25 does), and the shared extracted tree must stay untouched.
     */
    private Step autotoolsPackage(StepMachine machine, RootfsPackage p) throws Exception {
        Path obj = objDir(p);
        List<String> configure = new ArrayList<>(List.of("./configure",
                "--host=" + toolchain.triple(), "--prefix=/usr", "--sbindir=/sbin", "--bindir=/bin"));
        configure.addAll(p.configureArgs());
        Map<String, String> env = environment();
        // The prefix map rides on CC, not CFLAGS: packages override CFLAGS in their Makefiles (kexec-tools
        // does, also for the purgatory it embeds in kexec), and the build path must not reach the binary.
        env.put("CC", toolchain.tool("gcc") + " -ffile-prefix-map=" + obj + "=/usr/src/" + p.name());
        env.put("LD", toolchain.tool("ld"));
        env.put("AR", toolchain.tool("ar"));
        env.put("STRIP", toolchain.tool("strip"));
        env.put("LDFLAGS", "-static");
        // No -g, and the private build directory mapped out of __FILE__: the binaries must not depend
        // on where the board was checked out.
        env.put("CFLAGS", "-O2 -ffile-prefix-map=" + obj + "=/usr/src/" + p.name());
        Step.Inputs inputs = fp -> {
            fp.digest("source", p.sourceFingerprint());
            fp.param("toolchain", toolchain.identity());
            fp.param("configure", String.join(" ", configure));
            fp.param("make", String.join(" ", p.makeArgs()));
        };
        // A fresh copy: configure caches answers, and a changed input must not reuse them.
        return inPrivateCopy(p, inputs, ctx -> {
            ctx.run(ctx.command(configure, obj).env(env).build());
            List<String> build = new ArrayList<>(List.of("make", "-j" + jobs));
            build.addAll(p.makeArgs());
            ctx.run(ctx.command(build, obj).env(env).build());
            Path tmp = fresh(installDir(p));
            List<String> install = new ArrayList<>(List.of("make", "DESTDIR=" + tmp, "install"));
            install.addAll(p.makeArgs());
            ctx.run(ctx.command(install, obj).env(env).build());
            strip(ctx, tmp, env);
            publish(tmp, installDir(p));
        });
    }

    /** The install step of a package built in a fresh private copy of its source tree in objDir. */
    private Step inPrivateCopy(RootfsPackage p, Step.Inputs inputs, Step.Action build) {
        Path obj = objDir(p);
        return Step.named(p.name() + "-install")
                .inputs(inputs)
                .reads(p.source())
                .workArea(obj)
                .output(installDir(p))
                .shared("rootfs", reuse)
                .action(ctx -> {
                    TreeDelete.delete(obj);
                    Files.createDirectories(obj);
                    copyTree(p.source(), obj);
                    build.run(ctx);
                })
                .build();
    }

    /**
     * A package with a plain Makefile (kvmtool), built in a private copy: such Makefiles probe the host
     * for optional libraries and may write into their tree, so the board pins every option in its
     * make arguments and the shared tree stays untouched. The compiler goes on make's command line
     * (these Makefiles assign CC themselves), the build path mapped out of __FILE__.
     */
    private Step makePackage(RootfsPackage p) {
        Path obj = objDir(p);
        Map<String, String> env = environment();
        List<String> build = new ArrayList<>(List.of("make", "-j" + jobs,
                "CC=" + toolchain.tool("gcc") + " -ffile-prefix-map=" + obj + "=/usr/src/" + p.name()));
        if (!toolchain.prefix().isEmpty()) {
            build.add("CROSS_COMPILE=" + toolchain.prefix());
        }
        build.addAll(p.makeArgs());
        Step.Inputs inputs = fp -> {
            fp.digest("source", p.sourceFingerprint());
            fp.param("toolchain", toolchain.identity());
            fp.param("make", String.join(" ", p.makeArgs()));
            fp.param("install", String.join(" ", p.installFiles()));
        };
        return inPrivateCopy(p, inputs, ctx -> {
            ctx.run(ctx.command(build, obj).env(env).build());
            Path tmp = fresh(installDir(p));
            for (String pair : p.installFiles()) {
                int eq = pair.indexOf('=');
                Path from = obj.resolve(pair.substring(0, eq)).normalize();
                Path to = tmp.resolve(pair.substring(eq + 2)).normalize();
                if (!from.startsWith(obj) || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    throw new io.github.firmwaremaven.errors.FirmwareException("Package " + p.name() + ": "
                            + "make left no file " + pair.substring(0, eq) + " (<installFile>" + pair
                            + "</installFile>); check the targets in <makeArgs>.");
                }
                // A directory link in the tree (the source's or one make made) must not bring a host file in.
                Path real = from.toRealPath();
                if (!real.startsWith(obj.toRealPath())) {
                    throw new io.github.firmwaremaven.errors.FirmwareException("Package " + p.name() + ": "
                            + pair.substring(0, eq) + " (<installFile>" + pair + "</installFile>) leads through a "
                            + "link to " + real + ", outside the package's build directory " + obj
                            + "; name a file the package's make builds.");
                }
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
            strip(ctx, tmp, env);
            publish(tmp, installDir(p));
        });
    }

    /**
     * Strips every ELF file of an install tree, as Buildroot does for the target: smaller, and free of
     * debug information that records build paths.
     */
    private void strip(io.github.firmwaremaven.steps.StepContext ctx, Path tree, Map<String, String> env)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(toolchain.tool("strip"), "--strip-all"));
        try (java.util.stream.Stream<Path> walk = Files.walk(tree)) {
            for (Path f : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && isElf(f)) {
                    cmd.add(f.toString());
                }
            }
        }
        if (cmd.size() > 2) {
            ctx.run(ctx.command(cmd, tree).env(env).build());
        }
    }

    private static boolean isElf(Path f) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(f)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private static Path fresh(Path dir) throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        TreeDelete.delete(tmp);
        Files.createDirectories(tmp);
        return tmp;
    }

    private static void publish(Path tmp, Path dir) throws IOException {
        TreeDelete.delete(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies a tree into another, keeping symlinks as links and the executable bits, never writing
     * through a link that leads out of {@code to} (see {@link TreeCopy}).
     */
    static void copyTree(Path from, Path to) throws IOException {
        TreeCopy.copy(from, to);
    }

}
