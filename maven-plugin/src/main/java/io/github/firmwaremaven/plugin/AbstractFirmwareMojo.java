package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.board.Board;
import io.github.firmwaremaven.board.BootTest;
import io.github.firmwaremaven.board.Coreboot;
import io.github.firmwaremaven.board.Edk2;
import io.github.firmwaremaven.board.Kernel;
import io.github.firmwaremaven.board.Rootfs;
import io.github.firmwaremaven.board.Source;
import io.github.firmwaremaven.board.ToolchainConfig;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.Manifest;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.StepMachine;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What the board's goals share besides {@link AbstractGoalMojo}: the board's description (its
 * elements are parameters of every goal), the step machine, the build cache, artifact resolution and
 * publishing outputs. Subclasses hold their own parameters and make one call into the core.
 */
abstract class AbstractFirmwareMojo extends AbstractGoalMojo {
    @Component
    protected MavenProjectHelper projectHelper;

    /** Shared by all projects of the user: downloads and expensive build results. */
    @Parameter(property = "firmware.cacheDir", defaultValue = "${user.home}/.cache/firmware-maven-plugin")
    protected File cacheDir;

    /**
     * How a step's outputs taken from the build cache are checked against the manifest stored with
     * them: {@code cheap} compares sizes, modes, modification and change times and inodes (no file is
     * read); {@code full} also hashes every file.
     */
    @Parameter(property = "firmware.verify", defaultValue = "cheap")
    protected String verify;

    /** The pinned sources (usually in the plugin-level configuration, so every goal sees the board). */
    @Parameter
    protected List<Source> sources;

    /** The compilers the board needs: the host's and one per target. */
    @Parameter
    protected List<ToolchainConfig> toolchains;

    /** The userland packages built into the initramfs staging tree. */
    @Parameter
    protected Rootfs rootfs;

    /** The Linux kernel to build (or a published one to use). */
    @Parameter
    protected Kernel kernel;

    /**
     * Further kernels by role (a guest's), each built and cached on its own; one configured as the
     * kernel element is that image, restored from the build cache rather than built twice.
     */
    @Parameter
    protected List<Kernel> kernels;

    /**
     * Further initramfs images (a guest's), packed before the board's own from the rootfs packages they
     * name; the board's list takes one in by its name ({@code ${FIRMWARE_INITRAMFS_GUEST}} for guest).
     */
    @Parameter
    protected List<io.github.firmwaremaven.board.InitramfsImage> initramfsImages;

    /** The coreboot build and its payload. */
    @Parameter
    protected Coreboot coreboot;

    /** The EDK2 platform to build (OVMF, ArmVirtQemu). */
    @Parameter
    protected Edk2 edk2;

    /** How to boot the board in QEMU and what its console must show. */
    @Parameter
    protected BootTest bootTest;

    // Maven's own resolver, so mirrors, credentials and offline mode apply (never construct one: MNG-7471).
    @Component
    protected RepositorySystem repositorySystem;

    /** For goals that describe the prepared sources: why there is nothing to do, or null. */
    protected String noSourcesPrepared() throws IOException {
        return io.github.firmwaremaven.fetching.SourceRegistry.read(buildArea.toPath()).names().isEmpty()
                ? "no sources were prepared (fetch-sources has not run or <sources> is empty)" : null;
    }

    /** The board as the pom describes it, for the core. */
    protected Board board() {
        return Board.at(project.getBasedir().toPath(), buildArea.toPath()).sources(sources).toolchains(toolchains)
                .rootfs(rootfs).kernel(kernel).kernels(kernels)
                .initramfsImages(initramfsImages).coreboot(coreboot).edk2(edk2).bootTest(bootTest).hostPath(hostPath);
    }

    /** Resolves Maven coordinates for the core, through the project's repositories. */
    protected Board.ArtifactResolver artifactResolver() {
        return (where, coordinates, kind, example, advice) -> resolveArtifact(where, coordinates, kind.extension(),
                example, advice);
    }

    /**
     * Resolves {@code groupId:artifactId:version[:classifier]} of the given type through the
     * project's repositories; the message says what the configuration should look like.
     *
     * @param where the configuration element, for messages
     * @param example coordinates to show when these do not parse
     * @param advice what to do when resolution fails
     */
    protected java.nio.file.Path resolveArtifact(String where, String coordinates, String extension, String example,
            String advice) throws MojoFailureException {
        String[] p = coordinates.trim().split(":");
        if (p.length < 3 || p.length > 4) {
            throw new MojoFailureException(where + ": '" + coordinates + "' is not groupId:artifactId:version"
                    + "[:classifier], e.g. " + example);
        }
        DefaultArtifact artifact = new DefaultArtifact(p[0], p[1], p.length == 4 ? p[3] : "", extension, p[2]);
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact()
                    .getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException(where + ": could not resolve " + artifact + " (" + e.getMessage() + "). "
                    + advice, e);
        }
    }

    /**
     * The project's step machine: one per Maven session and project (kept in the plugin context, which
     * Maven keeps per project), so that what one goal made and checked is known to the next.
     */
    @SuppressWarnings("unchecked")
    protected StepMachine steps() throws FirmwareException {
        String key = StepMachine.class.getName() + "|" + buildArea + "|" + cacheDir + "|" + verifyCheck() + "|"
                + timestamp().epochSeconds();
        Map<String, Object> context = getPluginContext();
        Object held = context == null ? null : context.get(key);
        StepMachine machine = held instanceof StepMachine ? (StepMachine) held : null;
        if (machine == null) {
            machine = StepMachine.forBuildArea(buildArea.toPath(), timestamp(), buildLog())
                    .sharingThrough(buildCache(), verifyCheck());
            if (context != null && held == null) {
                context.put(key, machine);
            }
        }
        return machine.forGoal(buildLog(), progress());
    }


    protected Manifest.Check verifyCheck() throws FirmwareException {
        switch (verify == null ? "cheap" : verify.trim()) {
            case "cheap":
                return Manifest.Check.CHEAP;
            case "full":
                return Manifest.Check.FULL;
            default:
                throw new FirmwareException("-Dfirmware.verify=" + verify + " is not a check this plugin knows: use "
                        + "cheap (sizes, times and inodes, the default) or full (hash every file)");
        }
    }

    /** The download cache, shared by all projects of the user; by default {@code downloads} in {@code firmware.cacheDir}. */
    @Parameter(property = "firmware.downloadCache")
    protected File downloadCache;

    protected java.nio.file.Path downloadCache() {
        return downloadCache != null ? downloadCache.toPath() : cacheDir.toPath().resolve("downloads");
    }

    protected BuildCache buildCache() {
        return new BuildCache(cacheDir.toPath().resolve("build"));
    }

    private static final String BUILD_BEGUN = "firmware.outputs.build";

    /**
     * The first goal of the build in a project starts the build in the output registry, before anything
     * (the core included: toolchain archives) records an output, so everything this build records is its own.
     */
    @Override
    protected void beforeGoal() throws IOException {
        if (buildArea != null && mojoExecution.getMojoDescriptor().isProjectRequired()) {
            outputs();
        }
    }

    /**
     * The board's output registry. The first goal of this Maven session in this project to use it starts
     * a new build there, so only what this build records is published.
     */
    protected OutputRegistry outputs() throws IOException {
        OutputRegistry registry = new OutputRegistry(buildArea.toPath());
        Map<String, Object> context = getPluginContext();
        if (context == null || context.putIfAbsent(BUILD_BEGUN, Boolean.TRUE) == null) {
            registry.beginBuild();
        }
        return registry;
    }

    /**
     * Attaches what this build recorded and sets the main artifact (MINSTALL-151: install fails without
     * one). Idempotent, so each package-phase goal can call it and the last one's view wins. An earlier
     * build's outputs are never attached; when the board's main artifact was not built because its
     * goal was skipped, there is no main artifact, and install or deploy stop here with the reason.
     */
    protected void publishOutputs() throws IOException, FirmwareException {
        OutputRegistry registry = outputs();
        List<Output> produced = registry.outputsOfThisBuild();
        produced.removeIf(o -> o.kind() == ArtifactKind.HASHES);
        registry.writeHashes(produced, buildArea.toPath().resolve("hashes.txt"));
        registry.record(Output.of(ArtifactKind.HASHES, buildArea.toPath().resolve("hashes.txt")));
        List<Output> all = registry.outputsOfThisBuild();
        Optional<Output> main = OutputRegistry.main(all);
        Map<ArtifactKind, String> skippedMain = new java.util.EnumMap<>(ArtifactKind.class);
        new java.util.HashMap<>(skippedMainKinds()).forEach((k, v) -> skippedMain.put(ArtifactKind.valueOf(k), v));
        int expected = expectedMainPriority();
        Optional<Map.Entry<ArtifactKind, String>> missing = skippedMain.entrySet().stream()
                .filter(e -> e.getKey().mainPriority() <= expected)
                .filter(e -> main.isEmpty() || e.getKey().mainPriority() < main.get().kind().mainPriority())
                .min(java.util.Comparator.comparingInt(e -> e.getKey().mainPriority()));
        if (missing.isPresent()) {
            String why = "the board's main artifact (" + missing.get().getKey().classifier() + "."
                    + missing.get().getKey().extension() + ") was not built in this build: "
                    + missing.get().getValue() + " was skipped";
            if (session.getGoals().stream().anyMatch(g -> g.equals("install") || g.equals("deploy"))) {
                throw new FirmwareException(why + ", so there is nothing current to install or deploy (an "
                        + "earlier build's files are never published). Run the build without that skip, or "
                        + "only up to package.");
            }
            warnOnce(why + "; install and deploy would refuse.");
        }
        Artifact artifact = project.getArtifact();
        if (missing.isPresent()) {
            artifact.setFile(null); // an earlier goal of this build may have chosen a lesser main artifact
        }
        if (main.isPresent() && missing.isEmpty()) {
            Output m = main.get();
            artifact.setFile(m.file().toFile());
            DefaultArtifactHandler handler = new DefaultArtifactHandler(project.getPackaging());
            handler.setExtension(m.kind().mainPriority() <= ArtifactKind.PFLASH_CODE.mainPriority() ? "rom"
                    : m.extension());
            handler.setLanguage("none");
            handler.setAddedToClasspath(false);
            artifact.setArtifactHandler(handler);
        }
        for (Output o : all) {
            if (main.isPresent() && missing.isEmpty() && main.get().equals(o)) {
                continue;
            }
            boolean attached = project.getAttachedArtifacts().stream()
                    .anyMatch(a -> o.classifier().equals(a.getClassifier()) && o.extension().equals(a.getType()));
            if (!attached) {
                projectHelper.attachArtifact(project, o.extension(), o.classifier(), o.file().toFile());
            }
        }
    }

    /**
     * The priority of the best main artifact the board's configuration leads to: a skipped kernel on a
     * coreboot or UEFI board is not what the board would have published.
     */
    private int expectedMainPriority() {
        if (coreboot != null) {
            return ArtifactKind.COREBOOT_ROM.mainPriority();
        }
        if (edk2 != null) {
            return (board().edk2MakesOvmf() ? ArtifactKind.OVMF : ArtifactKind.PFLASH_CODE).mainPriority();
        }
        return Integer.MAX_VALUE;
    }

    private void warnOnce(String message) {
        Map<String, Object> context = getPluginContext();
        if (context == null || context.putIfAbsent("firmware.warned." + message, Boolean.TRUE) == null) {
            getLog().warn(message);
        }
    }
}
