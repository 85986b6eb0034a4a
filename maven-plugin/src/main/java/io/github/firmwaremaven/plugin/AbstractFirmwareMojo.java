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
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.Manifest;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.StepMachine;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What every goal shares: the board's description, skipping, the build area, the time stamp, the
 * step machine, and turning core exceptions into Maven's. Subclasses hold their own parameters and
 * make one call into the core.
 *
 * <p>Properties: a parameter that one goal reads is {@code firmware.<goal>.<parameter>}, one that
 * several read is {@code firmware.<parameter>}; earlier names still work, with a warning
 * ({@link FormerProperty}).
 */
abstract class AbstractFirmwareMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    @Component
    protected MavenProjectHelper projectHelper;

    /** Skips every goal of this plugin. */
    @Parameter(property = "firmware.skip", defaultValue = "false")
    protected boolean skipAll;

    /** Skips this goal; on the command line {@code -Dfirmware.<goal>.skip}, e.g. {@code -Dfirmware.build-kernel.skip}. */
    @Parameter(defaultValue = "false")
    protected boolean skip;

    /** The build's time stamp; SOURCE_DATE_EPOCH in the environment wins over it. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Where steps keep state, logs and outputs. */
    @Parameter(property = "firmware.buildArea", defaultValue = "${project.build.directory}/firmware")
    protected File buildArea;

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

    /** Where commands are looked up; defaults to PATH. */
    @Parameter(property = "firmware.hostPath")
    protected String hostPath;

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

    private BuildLog buildLog;
    private io.github.firmwaremaven.logging.Progress progress;

    /** Null when the board configures this goal (or the goal needs no configuration), else why there is nothing to do. */
    protected String nothingConfigured() throws Exception {
        return null;
    }

    protected abstract void runGoal() throws Exception;

    /** For goals that describe the prepared sources: why there is nothing to do, or null. */
    protected String noSourcesPrepared() throws IOException {
        return io.github.firmwaremaven.fetching.SourceRegistry.read(buildArea.toPath()).names().isEmpty()
                ? "no sources were prepared (fetch-sources has not run or <sources> is empty)" : null;
    }

    /** The board as the pom describes it, for the core. */
    protected Board board() {
        return Board.at(project.getBasedir().toPath(), buildArea.toPath()).sources(sources).toolchains(toolchains)
                .rootfs(rootfs).kernel(kernel).coreboot(coreboot).edk2(edk2).bootTest(bootTest).hostPath(hostPath);
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution.getGoal();
        try {
            applyFormerProperties();
            String skipped = skipReason();
            if (skipped != null) {
                getLog().info("Skipping " + goal + ": " + skipped);
            } else {
                String why = nothingConfigured();
                if (why != null) {
                    getLog().info("Skipping " + goal + ": " + why);
                } else {
                    runGoal();
                }
            }
            afterGoal();
        } catch (FirmwareException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (ProcessFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException(goal + " was interrupted", e);
        } catch (MojoExecutionException | MojoFailureException e) {
            throw e;
        } catch (IOException e) {
            throw new MojoExecutionException(goal + " failed: " + e, e);
        } catch (Exception e) {
            throw new MojoExecutionException(goal + " failed: " + e, e);
        }
    }

    /** Why this goal is skipped, naming the setting that says so, or null. */
    protected String skipReason() {
        String goal = mojoExecution.getGoal();
        if (skipAll) {
            return "firmware.skip is set";
        }
        String property = "firmware." + goal + ".skip";
        if (isTrue(property(property))) {
            return property + " is set";
        }
        if (isTrue(property(goal + ".skip"))) {
            deprecated(goal + ".skip", property);
            return goal + ".skip is set";
        }
        return skip ? "<skip> is set in its configuration" : null;
    }

    /** A user property as Maven's expressions see it: the command line's, the system's, then the pom's. */
    protected String property(String name) {
        String v = session.getUserProperties().getProperty(name);
        if (v == null) {
            v = session.getSystemProperties().getProperty(name);
        }
        if (v == null && project != null) {
            v = project.getProperties().getProperty(name);
        }
        return v;
    }

    protected static boolean isTrue(String value) {
        return value != null && (value.isEmpty() || Boolean.parseBoolean(value.trim()));
    }

    protected void deprecated(String former, String current) {
        getLog().warn("-D" + former + " is deprecated and will be removed: use -D" + current + " (the same meaning)");
    }

    /**
     * Sets each parameter whose former property is given and whose current one is not (and which its
     * configuration does not set), so old command lines keep working, with a warning.
     */
    private void applyFormerProperties() throws ReflectiveOperationException, FirmwareException {
        Map<String, org.apache.maven.plugin.descriptor.Parameter> parameters = mojoExecution.getMojoDescriptor()
                .getParameterMap();
        for (Class<?> c = getClass(); c != null && c != AbstractMojo.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                FormerProperty former = f.getAnnotation(FormerProperty.class);
                if (former == null) {
                    continue;
                }
                org.apache.maven.plugin.descriptor.Parameter p = parameters.get(f.getName());
                String expression = p == null ? null : p.getExpression();
                String current = expression == null ? null : expression.replaceAll("^\\$\\{|}$", "");
                for (String old : former.value()) {
                    String value = property(old);
                    if (value == null) {
                        continue;
                    }
                    deprecated(old, current);
                    if ((current == null || property(current) == null) && !configured(f.getName())) {
                        f.setAccessible(true);
                        f.set(this, convert(value, f.getType(), old));
                    }
                    break;
                }
            }
        }
    }

    /** Whether the pom sets the parameter itself (not through its property or default). */
    private boolean configured(String parameter) {
        org.codehaus.plexus.util.xml.Xpp3Dom config = mojoExecution.getConfiguration();
        org.codehaus.plexus.util.xml.Xpp3Dom child = config == null ? null : config.getChild(parameter);
        return child != null && child.getValue() != null && !child.getValue().startsWith("${");
    }

    private Object convert(String value, Class<?> type, String property) throws FirmwareException {
        try {
            if (type == String.class) {
                return value;
            } else if (type == boolean.class || type == Boolean.class) {
                return isTrue(value);
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value.trim());
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(value.trim());
            } else if (type == File.class) {
                File f = new File(value);
                return f.isAbsolute() ? f : new File(project.getBasedir(), value);
            }
        } catch (NumberFormatException e) {
            throw new FirmwareException("-D" + property + "=" + value + " is not a number");
        }
        throw new IllegalStateException("no conversion for " + type + " of " + property);
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

    /** Runs whether or not the goal was skipped; package-phase goals publish here. */
    protected void afterGoal() throws Exception {}

    protected BuildLog buildLog() {
        if (buildLog == null) {
            buildLog = new MavenBuildLog(getLog(), () -> {
                if (progress instanceof io.github.firmwaremaven.logging.ConsoleLine line) {
                    line.clear();
                }
            });
        }
        return buildLog;
    }

    protected BuildTimestamp timestamp() throws FirmwareException {
        return BuildTimestamp.resolve(System.getenv("SOURCE_DATE_EPOCH"), outputTimestamp, buildLog());
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
        StepMachine machine = context == null ? null : (StepMachine) context.get(key);
        if (machine == null) {
            machine = StepMachine.forBuildArea(buildArea.toPath(), timestamp(), buildLog())
                    .sharingThrough(buildCache(), verifyCheck());
            if (context != null) {
                context.put(key, machine);
            }
        }
        return machine.forGoal(buildLog(), progress());
    }

    /**
     * How downloads and steps show they are alive, as Maven's own settings say (see {@link MavenProgress}):
     * one per goal, so that the goal's log lines can wipe a terminal's progress line first.
     */
    protected io.github.firmwaremaven.logging.Progress progress() {
        if (progress == null) {
            progress = MavenProgress.of(session.getRequest(), getLog(), buildLog());
        }
        return progress;
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

    protected BuildCache buildCache() {
        return new BuildCache(cacheDir.toPath().resolve("build"));
    }

    protected OutputRegistry outputs() {
        return new OutputRegistry(buildArea.toPath());
    }

    /**
     * Attaches every recorded output and sets the main artifact (MINSTALL-151: install fails without
     * one). Idempotent, so each package-phase goal can call it and the last one's view wins.
     */
    protected void publishOutputs() throws IOException {
        OutputRegistry registry = outputs();
        List<Output> produced = registry.outputs();
        produced.removeIf(o -> o.kind() == ArtifactKind.HASHES);
        registry.writeHashes(produced, buildArea.toPath().resolve("hashes.txt"));
        registry.record(Output.of(ArtifactKind.HASHES, buildArea.toPath().resolve("hashes.txt")));
        List<Output> all = registry.outputs();
        Optional<Output> main = OutputRegistry.main(all);
        Artifact artifact = project.getArtifact();
        if (main.isPresent()) {
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
            if (main.isPresent() && main.get().equals(o)) {
                continue;
            }
            boolean attached = project.getAttachedArtifacts().stream()
                    .anyMatch(a -> o.classifier().equals(a.getClassifier()) && o.extension().equals(a.getType()));
            if (!attached) {
                projectHelper.attachArtifact(project, o.extension(), o.classifier(), o.file().toFile());
            }
        }
    }
}
