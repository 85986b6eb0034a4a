package io.github.firmwaremaven.board;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.builds.BuildInputs;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.coreboot.CorebootBuild;
import io.github.firmwaremaven.edk2.Edk2Build;
import io.github.firmwaremaven.edk2.Edk2Platform;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.fetching.PreparedSource;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.fetching.SourceSpec;
import io.github.firmwaremaven.host.HostCheck;
import io.github.firmwaremaven.host.HostRequirement;
import io.github.firmwaremaven.kconfig.ConfigEdit;
import io.github.firmwaremaven.kernel.KernelBuild;
import io.github.firmwaremaven.kernel.PrebuiltKernel;
import io.github.firmwaremaven.processes.HostPath;
import io.github.firmwaremaven.qemu.BoardBoot;
import io.github.firmwaremaven.rootfs.RootfsBuild;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import io.github.firmwaremaven.steps.ToolIdentity;
import io.github.firmwaremaven.toolchain.CrossgccBuild;
import io.github.firmwaremaven.toolchain.DebianPackages;
import io.github.firmwaremaven.toolchain.SourceToolchainBuild;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import io.github.firmwaremaven.toolchain.ToolchainSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The board as its pom describes it, and the one place that turns that description into the core's
 * builds: every goal, the config-editing ones included, asks here, so a {@code <kernel>} means the
 * same kernel build wherever it is read. Paths of the board are relative to its base directory.
 */
public final class Board {
    /** Resolves Maven coordinates to a file: the Maven side's job, handed in so the core stays Maven-free. */
    @FunctionalInterface
    public interface ArtifactResolver {
        Path resolve(String where, String coordinates, ArtifactKind kind, String example, String advice)
                throws Exception;
    }

    private final Path basedir;
    private final Path area;
    private List<Source> sources = List.of();
    private List<ToolchainConfig> toolchains = List.of();
    private Rootfs rootfs;
    private Kernel kernel;
    private List<Kernel> kernels = List.of();
    private List<InitramfsImage> initramfsImages = List.of();
    private Coreboot coreboot;
    private Edk2 edk2;
    private BootTest bootTest;
    private String hostPath;

    private Board(Path basedir, Path area) {
        this.basedir = basedir;
        this.area = area;
    }

    /**
     * The board's elements of the plugin configuration: the parameters of the goals' base class and the
     * fields of this class, by the same names.
     */
    public static final List<String> ELEMENTS = List.of("sources", "toolchains", "rootfs", "kernel", "kernels",
            "initramfsImages", "coreboot", "edk2", "bootTest");

    /**
     * The board as {@code configuration} (a plugin's {@code <configuration>} element as the pom wrote
     * it) describes it, read as Maven would inject it.
     */
    public static Board fromConfiguration(Path basedir, Path area, ConfigNode configuration)
            throws ReflectiveOperationException {
        Board board = at(basedir, area);
        ConfigReader reader = new ConfigReader(basedir);
        for (String name : ELEMENTS) {
            ConfigNode node = configuration == null ? null : configuration.child(name);
            if (node != null) {
                java.lang.reflect.Field f = Board.class.getDeclaredField(name);
                Object value = reader.read(node, f.getGenericType());
                if (value != null) {
                    f.set(board, value);
                }
            }
        }
        return board;
    }

    /** A board whose pom lives in {@code basedir} and whose goals work in the build area {@code area}. */
    public static Board at(Path basedir, Path area) {
        return new Board(basedir, area);
    }

    public Board sources(List<Source> s) {
        this.sources = s == null ? List.of() : s;
        return this;
    }

    public Board toolchains(List<ToolchainConfig> t) {
        this.toolchains = t == null ? List.of() : t;
        return this;
    }

    public Board rootfs(Rootfs r) {
        this.rootfs = r;
        return this;
    }

    public Board kernel(Kernel k) {
        this.kernel = k;
        return this;
    }

    public Board kernels(List<Kernel> k) {
        this.kernels = k == null ? List.of() : k;
        return this;
    }

    public Board initramfsImages(List<InitramfsImage> i) {
        this.initramfsImages = i == null ? List.of() : i;
        return this;
    }

    public Board coreboot(Coreboot c) {
        this.coreboot = c;
        return this;
    }

    public Board edk2(Edk2 e) {
        this.edk2 = e;
        return this;
    }

    public Board bootTest(BootTest b) {
        this.bootTest = b;
        return this;
    }

    /** Where commands are looked up; null for the environment's PATH. */
    public Board hostPath(String path) {
        this.hostPath = path;
        return this;
    }

    public boolean hasSources() {
        return !sources.isEmpty();
    }

    public boolean hasToolchains() {
        return !toolchains.isEmpty();
    }

    public boolean hasRootfsPackages() {
        return rootfs != null && !rootfs.packages.isEmpty();
    }

    public boolean hasKernel() {
        return kernel != null;
    }

    public boolean hasCoreboot() {
        return coreboot != null;
    }

    public boolean hasEdk2() {
        return edk2 != null;
    }

    /** Whether the EDK2 platform is an x86 one, whose OVMF.fd is the board's main image. */
    public boolean edk2MakesOvmf() {
        return edk2 != null && ("X64".equalsIgnoreCase(edk2.arch) || "IA32".equalsIgnoreCase(edk2.arch));
    }

    public boolean hasBootTest() {
        return bootTest != null;
    }

    public Path area() {
        return area;
    }

    /** PATH as the board's goals see it. */
    public String path() {
        return HostPath.orSystem(hostPath);
    }

    // ---- sources

    /**
     * The declared sources as the core fetches them.
     *
     * @param localOverrides {@code -Dfirmware.localOverride.<name>=DIR} given on the command line,
     *     which win over the pom's {@code <localOverride>} (Buildroot's OVERRIDE_SRCDIR in local.mk)
     */
    public List<SourceSpec> sourceSpecs(Map<String, String> localOverrides) throws FirmwareException {
        List<SourceSpec> specs = new ArrayList<>();
        for (Source s : sources) {
            SourceSpec.Builder b = SourceSpec.builder(s.name).version(s.version).kind(s.kind).url(s.url)
                    .fileName(s.fileName).sha256(s.sha256).sha512(s.sha512).unverified(s.unverified)
                    .license(s.license).serverId(s.serverId).member(s.member).into(s.into, s.intoPath)
                    .commit(s.commit);
            List<Path> keyFiles = new ArrayList<>();
            if (s.signingKeys != null) {
                s.signingKeys.forEach(k -> keyFiles.add(inBoard(k)));
            }
            b.signature(s.signature).signingKeys(keyFiles).keyring(s.keyring == null ? null : inBoard(s.keyring))
                    .signerFingerprints(s.signerFingerprints).signatureCovers(s.signatureCovers);
            if (s.urls != null) {
                s.urls.forEach(u -> b.url(u, "<urls><url>"));
            }
            String cli = localOverrides.get(s.name);
            if (cli != null && !cli.isBlank()) {
                b.localOverride(Path.of(cli));
            } else if (s.localOverride != null) {
                b.localOverride(s.localOverride.toPath());
            }
            specs.add(b.build());
        }
        return specs;
    }

    private Path inBoard(File f) {
        return basedir.resolve(f.toPath()).normalize();
    }

    // ---- toolchains

    /** The declared toolchains as the core resolves them; artifacts are resolved through {@code resolver}. */
    public List<ToolchainSpec> toolchainSpecs(ArtifactResolver resolver) throws Exception {
        List<ToolchainSpec> specs = new ArrayList<>();
        for (ToolchainConfig c : toolchains) {
            specs.add(toolchainSpec(c, resolver));
        }
        return specs;
    }

    /** Whether a toolchain is built from the board's sources, so the resolver needs fetch-sources' trees. */
    public boolean buildsToolchainFromSource() {
        return toolchains.stream().anyMatch(t -> t.source != null || t.crossgcc != null);
    }

    /** The source trees fetch-sources prepared, as the toolchain builds read them. */
    public RegistrySourceTrees preparedTrees() throws IOException {
        return new RegistrySourceTrees(SourceRegistry.read(area));
    }

    private static ToolchainSpec toolchainSpec(ToolchainConfig c, ArtifactResolver resolver) throws Exception {
        String where = "<toolchain> '" + c.name + "'";
        int modes = (c.source != null ? 1 : 0) + (c.artifact != null ? 1 : 0) + (c.crossgcc != null ? 1 : 0)
                + (c.prefix != null || c.directory != null ? 1 : 0);
        if (modes > 1) {
            throw new FirmwareException(where + " sets more than one of <prefix>/<directory>, <source>, "
                    + "<crossgcc> and <artifact>; keep the one that says where this toolchain comes from.");
        }
        if (c.crossgcc != null) {
            if (c.crossgcc.arch == null) {
                throw new FirmwareException(where + " is coreboot's crossgcc but names no <arch> (i386, x64, arm, "
                        + "aarch64, riscv, ppc64), as in make crossgcc-i386.");
            }
            return ToolchainSpec.crossgcc(c.name, c.target, new CrossgccBuild.Request(c.name, c.crossgcc.coreboot,
                    c.crossgcc.arch, CrossgccBuild.parseTarballs(c.crossgcc.tarballs)));
        }
        if (c.source != null) {
            ToolchainSource s = c.source;
            String triple = s.triple != null ? s.triple : c.target != null ? c.target + "-linux-musl" : null;
            if (triple == null) {
                throw new FirmwareException(where + " is built from source but names no target: set <target> "
                        + "(e.g. x86_64) or <source><triple>x86_64-linux-musl</triple>.");
            }
            return ToolchainSpec.fromSource(c.name, c.target, new SourceToolchainBuild.Request(c.name, triple,
                    s.binutils, s.gcc, s.musl, s.linux, s.binutilsConfigureArgs, s.configureArgs));
        }
        if (c.artifact != null) {
            Path file = resolver.resolve(where + " <artifact>", c.artifact, ArtifactKind.TOOLCHAIN,
                    "org.example:toolchains:1.0:toolchain-x86_64-aarch64-linux-musl",
                    "Publish it with mvn deploy from a board that builds it from <source> or sets <publish>, check "
                            + "the repository and mirror settings, or run once online if building with -o.");
            return ToolchainSpec.fromArtifact(c.name, c.target, c.artifact, file);
        }
        Path directory = c.directory == null ? null : c.directory.toPath();
        return c.publish ? ToolchainSpec.externalPublished(c.name, c.target, c.prefix, directory)
                : ToolchainSpec.external(c.name, c.target, c.prefix, directory);
    }

    private Toolchain toolchain(String name) throws IOException, FirmwareException {
        return ToolchainRegistry.read(area).get(name);
    }

    // ---- kernel

    /**
     * Installs the published kernel the board names in {@code <kernel><artifact>} instead of building
     * one, and records it; null when the board builds its own.
     */
    public Path installPublishedKernel(ArtifactResolver resolver, OutputRegistry outputs) throws Exception {
        if (kernel.artifact == null) {
            return null;
        }
        String where = "<kernel><artifact>" + kernel.artifact + "</artifact>";
        Path resolved = resolver.resolve(where, kernel.artifact, ArtifactKind.KERNEL_IMAGE,
                "org.example:my-board:1.0:kernel", "Deploy the board that builds this kernel (mvn deploy), "
                        + "check the repository and mirror settings, or run once online if building with -o.");
        String arch = ToolchainRegistry.read(area).all().stream().filter(t -> t.name().equals(kernel.toolchain))
                .map(Toolchain::linuxArch).findFirst().orElse(null);
        Path image = PrebuiltKernel.install(resolved, area.resolve("kernel/image"), where, arch);
        outputs.record(Output.of(ArtifactKind.KERNEL_IMAGE, image));
        return image;
    }

    /** The board's kernel build. */
    public KernelBuild kernelBuild(boolean reuse) throws Exception {
        return kernelBuild(kernel, null, reuse);
    }

    /**
     * The builds of {@code <kernels>}: further kernels by role (a guest's), each with its own work area
     * and steps; one configured as another shares its image through the build cache.
     */
    public Map<String, KernelBuild> roleKernelBuilds(boolean reuse) throws Exception {
        Map<String, KernelBuild> builds = new java.util.LinkedHashMap<>();
        for (String role : kernelRoles()) {
            Kernel k = kernels.stream().filter(x -> role.equals(x.name)).findFirst().orElseThrow();
            builds.put(role, kernelBuild(k, role, reuse));
        }
        return builds;
    }

    /** The roles of {@code <kernels>}, checked: each named once, as a file name and step id allow. */
    public List<String> kernelRoles() throws FirmwareException {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < kernels.size(); i++) {
            Kernel k = kernels.get(i);
            String where = "<kernels><kernel> #" + (i + 1);
            checkRole(where, k.name, roles);
            if (k.artifact != null) {
                throw new FirmwareException(where + " ('" + k.name + "') sets <artifact>: only the board's <kernel> "
                        + "may be a published one; build this role or drop it.");
            }
            roles.add(k.name);
        }
        return roles;
    }

    static void checkRole(String where, String name, List<String> taken) throws FirmwareException {
        if (name == null || name.isBlank()) {
            throw new FirmwareException(where + " has no <name>: give its role, e.g. <name>guest</name>.");
        }
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new FirmwareException(where + ": <name>" + name + "</name> must be lower-case letters, digits "
                    + "and '-' (it names files, steps and the artifact's classifier).");
        }
        if (taken.contains(name)) {
            throw new FirmwareException(where + ": <name>" + name + "</name> is declared twice; give each a "
                    + "role of its own.");
        }
    }

    private KernelBuild kernelBuild(Kernel k, String role, boolean reuse) throws Exception {
        PreparedSource source = SourceRegistry.read(area).prepared(k.source);
        BuildInputs inputs = new BuildInputs(source, toolchain(k.toolchain),
                area.resolve(role == null ? "kernel" : "kernel-" + role), jobs(), k.makeVariables);
        return new KernelBuild(new KernelBuild.Spec(inputs, k.defconfig,
                k.configFile == null ? null : k.configFile.toPath(), paths(k.fragments), k.imageTarget, reuse, role));
    }

    /** Whether the board declares further kernels by role. */
    public boolean hasRoleKernels() {
        return !kernels.isEmpty();
    }

    // ---- initramfs images

    /**
     * The images of {@code <initramfsImages>} as pack-initramfs packs them, before the board's own:
     * each from the install trees of the rootfs packages it names, its overlays and its list.
     */
    public List<io.github.firmwaremaven.initramfs.PackInitramfs.Request> initramfsImageRequests(Path outputDir,
            Map<String, String> env) throws FirmwareException {
        List<io.github.firmwaremaven.initramfs.PackInitramfs.Request> result = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        if (rootfs != null) {
            rootfs.packages.forEach(p -> packages.add(p.name));
        }
        for (int i = 0; i < initramfsImages.size(); i++) {
            InitramfsImage image = initramfsImages.get(i);
            String where = "<initramfsImages><initramfs> #" + (i + 1);
            checkRole(where, image.name, names);
            names.add(image.name);
            List<Path> trees = new ArrayList<>();
            for (String p : image.packages) {
                if (!packages.contains(p)) {
                    throw new FirmwareException(where + " ('" + image.name + "') takes package '" + p + "', which "
                            + "<rootfs><packages> does not declare" + (packages.isEmpty() ? "" : " (it has: "
                            + String.join(", ", packages) + ")") + ".");
                }
                trees.add(RootfsBuild.installDirIn(RootfsBuild.workDirIn(area), p));
            }
            image.overlays.forEach(f -> trees.add(f.toPath()));
            io.github.firmwaremaven.initramfs.Compression c;
            try {
                c = io.github.firmwaremaven.initramfs.Compression.parse(image.compression);
            } catch (IllegalArgumentException e) {
                throw new FirmwareException(where + " ('" + image.name + "') <compression>: " + e.getMessage());
            }
            result.add(new io.github.firmwaremaven.initramfs.PackInitramfs.Request(null, trees,
                    image.listFile == null ? null : image.listFile.toPath(), c, outputDir.resolve(image.name), env,
                    image.name));
        }
        return result;
    }

    // ---- rootfs

    /** The board's userland build, installing into {@code staging}. */
    public RootfsBuild rootfsBuild(Path staging, boolean reuse) throws IOException, FirmwareException {
        return new RootfsBuild(toolchain(rootfs.toolchain), RootfsBuild.workDirIn(area), staging, jobs(), reuse);
    }

    /** The packages as the core builds them, their trees from fetch-sources' registry. */
    public List<RootfsPackage> rootfsPackages() throws IOException, FirmwareException {
        SourceRegistry sources = SourceRegistry.read(area);
        List<RootfsPackage> result = new ArrayList<>();
        for (RootfsPackageConfig p : rootfs.packages) {
            result.add(rootfsPackage(p, sources));
        }
        return result;
    }

    static RootfsPackage rootfsPackage(RootfsPackageConfig p, SourceRegistry sources) throws FirmwareException {
        if (p.name == null) {
            throw new FirmwareException("A <rootfs><packages><package> has no <name>.");
        }
        String source = p.source != null ? p.source : p.name;
        RootfsPackage.Kind kind;
        try {
            kind = RootfsPackage.Kind.valueOf(p.kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FirmwareException("Package " + p.name + ": <kind>" + p.kind + "</kind> is not kconfig, "
                    + "autotools or make.");
        }
        if (kind == RootfsPackage.Kind.MAKE) {
            if (p.installFiles.isEmpty()) {
                throw new FirmwareException("Package " + p.name + " is a make package but has no <installFiles>: "
                        + "name what goes into the image, e.g. <installFile>lkvm-static=/bin/lkvm</installFile>.");
            }
            for (String f : p.installFiles) {
                String[] pair = f.split("=", -1);
                if (pair.length != 2 || pair[0].isBlank() || !pair[1].startsWith("/") || f.contains("..")) {
                    throw new FirmwareException("Package " + p.name + ": <installFile>" + f + "</installFile> must be "
                            + "built=/installed, a file of the build tree and an absolute place in the image without "
                            + "'..', e.g. lkvm-static=/bin/lkvm.");
                }
            }
        } else if (!p.installFiles.isEmpty()) {
            throw new FirmwareException("Package " + p.name + ": <installFiles> is for make packages; a " + p.kind
                    + " package installs with its own install target.");
        }
        return new RootfsPackage(p.name, kind, sources.tree(source), sources.fingerprint(source),
                paths(p.fragments), p.configureArgs, p.makeArgs, p.installFiles);
    }

    // ---- coreboot

    /** The board's coreboot build with the payload it declares, taken from what earlier goals built. */
    public CorebootBuild corebootBuild(OutputRegistry outputs) throws Exception {
        return corebootBuild(payload(outputs.outputs()));
    }

    private CorebootBuild corebootBuild(CorebootBuild.Payload payload) throws Exception {
        if (coreboot.config == null) {
            throw new FirmwareException("<coreboot> needs <config>: the board's defconfig-style coreboot config.");
        }
        PreparedSource source = SourceRegistry.read(area).prepared(coreboot.source);
        BuildInputs inputs = new BuildInputs(source, toolchain(coreboot.toolchain), area.resolve("coreboot"), jobs(),
                coreboot.makeVariables);
        return new CorebootBuild(new CorebootBuild.Spec(inputs, coreboot.config.toPath(), payload,
                coreboot.localVersion, coreboot.timeless));
    }

    /** What {@code <coreboot><payload>} may say. */
    static final List<String> PAYLOADS = List.of("linux", "elf", "none");

    private CorebootBuild.Payload payload(List<Output> built) throws FirmwareException {
        switch (coreboot.payload == null ? "linux" : coreboot.payload) {
            case "none":
                return null;
            case "elf":
                if (coreboot.payloadFile == null) {
                    throw new FirmwareException("<coreboot><payload>elf</payload> needs <payloadFile>.");
                }
                return CorebootBuild.Payload.elf(coreboot.payloadFile.toPath());
            case "linux":
                Path kernelImage = coreboot.payloadFile != null ? coreboot.payloadFile.toPath()
                        : find(built, ArtifactKind.KERNEL_IMAGE).orElseThrow(() -> new FirmwareException(
                                "coreboot's Linux payload needs a kernel, but the board built none: configure "
                                        + "<kernel> (build-kernel) or set <coreboot><payloadFile>."));
                Path initrd = coreboot.initrd != null ? coreboot.initrd.toPath()
                        : find(built, ArtifactKind.INITRAMFS).orElse(null);
                return CorebootBuild.Payload.linux(kernelImage, initrd, coreboot.commandLine);
            default:
                throw new FirmwareException("<coreboot><payload> must be " + String.join(", ", PAYLOADS) + ", not '"
                        + coreboot.payload + "'.");
        }
    }

    private static Optional<Path> find(List<Output> outputs, ArtifactKind kind) {
        // The board's own: a role's (kernel-guest) is never the payload or the booted image.
        return outputs.stream().filter(o -> o.kind() == kind && o.classifier().equals(kind.classifier()))
                .map(Output::file).findFirst();
    }

    // ---- edk2

    /** The board's EDK2 platform build. */
    public Edk2Build edk2Build() throws Exception {
        PreparedSource source = SourceRegistry.read(area).prepared(edk2.source);
        Edk2Platform platform = new Edk2Platform(edk2.platform, edk2.arch, edk2.buildTarget, edk2.toolchainTag);
        BuildInputs inputs = new BuildInputs(source, toolchain(edk2.toolchain), area.resolve("edk2"), jobs(), List.of());
        return new Edk2Build(new Edk2Build.Spec(inputs, platform, edk2.defines, ToolIdentity.of("gcc", path(), ToolIdentity.memo(area))));
    }

    // ---- config editing

    /**
     * The configuration that menuconfig and update-config edit: {@code kernel}, {@code coreboot} or a
     * kconfig rootfs package's name, and the fragment that receives the changes (null: the build's last
     * fragment; for coreboot its {@code <config>}). A build not configured yet (a fresh board) gets its
     * configuration step run first, and only that: nothing is compiled. An existing .config is never
     * regenerated here, since it may hold edits not written back yet.
     */
    public ConfigEdit.Target configTarget(String config, Path fragment, StepMachine machine) throws Exception {
        if (config.equals("kernel")) {
            if (kernel == null) {
                throw new FirmwareException("-Dfirmware.config=kernel, but the board declares no <kernel>.");
            }
            KernelBuild build = kernelBuild(false);
            ConfigEdit.Target t = build.configTarget(fragment(config, fragment, kernel.fragments));
            if (!t.configured()) {
                build.configure(machine);
            }
            return t;
        }
        if (config.equals("coreboot")) {
            if (coreboot == null) {
                throw new FirmwareException("-Dfirmware.config=coreboot, but the board declares no <coreboot>.");
            }
            CorebootBuild build = corebootBuild((CorebootBuild.Payload) null);
            ConfigEdit.Target t = build.configTarget(fragment != null ? fragment : coreboot.config.toPath());
            if (!t.configured()) {
                build.configure(machine);
            }
            return t;
        }
        if (rootfs != null) {
            for (RootfsPackageConfig p : rootfs.packages) {
                if (config.equals(p.name) && "kconfig".equals(p.kind)) {
                    RootfsPackage pkg = rootfsPackage(p, SourceRegistry.read(area));
                    RootfsBuild build = new RootfsBuild(toolchain(rootfs.toolchain), RootfsBuild.workDirIn(area),
                            null, jobs());
                    ConfigEdit.Target t = build.configTarget(pkg, fragment(config, fragment, p.fragments));
                    if (!t.configured()) {
                        build.configure(machine, pkg);
                    }
                    return t;
                }
            }
        }
        throw new FirmwareException("-Dfirmware.config=" + config + " names no configurable build: use kernel, "
                + "coreboot or the <name> of a kconfig package under <rootfs><packages>.");
    }

    private static Path fragment(String config, Path given, List<File> declared) throws FirmwareException {
        if (given != null) {
            return given;
        }
        if (declared.isEmpty()) {
            throw new FirmwareException("The " + config + " build has no <fragments> to write changes into: add "
                    + "one (an empty file will do) or name it with -Dfirmware.fragment=FILE.");
        }
        return declared.get(declared.size() - 1).toPath();
    }

    // ---- boot

    /**
     * How to boot the board.
     *
     * @param expect replaces {@code <bootTest><expect>} when not null
     * @param timeoutSeconds replaces {@code <bootTest><timeoutSeconds>} when not null
     */
    public BoardBoot.Plan bootPlan(String expect, Integer timeoutSeconds) {
        return bootPlan(expect, timeoutSeconds, null, null);
    }

    /**
     * @param cpu replaces {@code <bootTest><cpu>} when not null (a negative control boots without a feature)
     * @param httpExpect replaces {@code <bootTest><http><expect>} when not null
     */
    public BoardBoot.Plan bootPlan(String expect, Integer timeoutSeconds, String cpu, String httpExpect) {
        BootTestHttp h = bootTest.http;
        BoardBoot.Http http = h == null ? null : new BoardBoot.Http(h.port, h.path,
                httpExpect != null ? httpExpect : h.expect, h.after, h.nicModel);
        return new BoardBoot.Plan(bootTest.arch, bootTest.machine, cpu != null ? cpu : bootTest.cpu,
                bootTest.memoryMb, bootTest.append, expect != null ? expect : bootTest.expect,
                Duration.ofSeconds(timeoutSeconds != null ? timeoutSeconds : bootTest.timeoutSeconds),
                bootTest.directKernel, bootTest.qemuArgs, bootTest.checkpoints, bootTest.failOn, http);
    }

    // ---- host tools and legal information

    /** The parts of the board that need host tools (see {@code HostCheck.COMPONENTS}). */
    public Set<String> hostComponents() {
        Set<String> result = new LinkedHashSet<>();
        if (hasSources()) {
            result.add("sources");
        }
        if (buildsToolchainFromSource()) {
            result.add("toolchain-source");
        }
        if (rootfs != null) {
            result.add("rootfs");
        }
        // A published kernel (<kernel><artifact>) is installed, not built.
        if (kernel != null && kernel.artifact == null) {
            result.add("kernel");
        }
        if (coreboot != null) {
            result.add("coreboot");
        }
        if (edk2 != null) {
            result.add("ovmf");
        }
        if (bootTest != null && HostCheck.COMPONENTS.containsKey("qemu-" + bootTest.arch)) {
            result.add("qemu-" + bootTest.arch);
        }
        return result;
    }

    /** The compilers of external toolchains found on PATH: {@code <prefix>gcc} and its Debian package. */
    public List<HostRequirement> toolchainCompilers() {
        List<HostRequirement> result = new ArrayList<>();
        for (ToolchainConfig t : toolchains) {
            if (t.source != null || t.crossgcc != null || t.artifact != null || t.directory != null) {
                continue;
            }
            String p = t.prefix == null ? "" : t.prefix.trim();
            result.add(HostRequirement.command(p + "gcc", DebianPackages.compiler(p)));
        }
        return result;
    }

    /**
     * What goes into the legal-info bundle's {@code configs/}: the final kernel and package configs, the
     * fragments they came from, and {@code extra}.
     */
    public Map<String, Path> legalConfigs(List<Output> built, List<File> extra) {
        Map<String, Path> c = new TreeMap<>();
        for (Output o : built) {
            if (o.kind() == ArtifactKind.KERNEL_CONFIG) {
                // kernel-config for the board's kernel, kernel-config-guest for the role guest.
                String role = o.classifier().substring(ArtifactKind.KERNEL_CONFIG.classifier().length());
                c.put("kernel" + role + "/.config", o.file());
            }
        }
        if (kernel != null) {
            for (File f : kernel.fragments) {
                c.put("kernel/" + f.getName(), f.toPath());
            }
        }
        for (Kernel k : kernels) {
            for (File f : k.fragments) {
                c.put("kernel-" + k.name + "/" + f.getName(), f.toPath());
            }
        }
        if (rootfs != null) {
            for (RootfsPackageConfig p : rootfs.packages) {
                c.put(p.name + "/.config", RootfsBuild.finalConfig(RootfsBuild.workDirIn(area), p.name));
                for (File f : p.fragments) {
                    c.put(p.name + "/" + f.getName(), f.toPath());
                }
            }
        }
        if (extra != null) {
            for (File f : extra) {
                c.put(f.getName(), f.toPath());
            }
        }
        return c;
    }

    private static List<Path> paths(List<File> files) {
        return files.stream().map(File::toPath).collect(Collectors.toList());
    }

    private static int jobs() {
        return Runtime.getRuntime().availableProcessors();
    }
}
