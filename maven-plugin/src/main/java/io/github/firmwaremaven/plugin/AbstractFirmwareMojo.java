package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
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
 * What every goal shares: skipping, the build area, the time stamp, the step machine, and turning
 * core exceptions into Maven's. Subclasses hold parameters and make one call into the core.
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

    // Maven's own resolver, so mirrors, credentials and offline mode apply (never construct one: MNG-7471).
    @Component
    protected RepositorySystem repositorySystem;

    private BuildLog buildLog;

    /** The goal's own skip property, e.g. {@code -Dbuild-kernel.skip}; goals without one never skip. */
    protected boolean skipGoal() {
        return false;
    }

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

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution.getGoal();
        try {
            if (skipAll || skipGoal()) {
                getLog().info("Skipping " + goal + ": " + (skipAll ? "firmware.skip" : goal + ".skip") + " is set");
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
            buildLog = new MavenBuildLog(getLog());
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
        return machine.forGoal(buildLog());
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
