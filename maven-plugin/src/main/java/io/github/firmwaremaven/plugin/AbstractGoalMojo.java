package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.steps.BuildTimestamp;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares, the board's description aside: skipping, the build area, the time stamp,
 * the log, former property names, and turning core exceptions into Maven's. check-host extends this
 * directly: it reads the board from the pom itself, so that a mistyped board element is reported
 * by its check rather than by Maven's injection of the board's parameters.
 *
 * <p>Properties: a parameter that one goal reads is {@code firmware.<goal>.<parameter>}, one that
 * several read is {@code firmware.<parameter>}; earlier names still work, with a warning
 * ({@link FormerProperty}).
 */
abstract class AbstractGoalMojo extends AbstractMojo {
    /** The board project being built; set by Maven. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The Maven session: user properties, offline mode, repositories; set by Maven. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** This goal's execution: its name and configuration; set by Maven. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /** Skips every goal of this plugin. */
    @Parameter(property = "firmware.skip", defaultValue = "false")
    protected boolean skipAll;

    /** Skips this goal; on the command line {@code -Dfirmware.GOAL.skip}, e.g. {@code -Dfirmware.build-kernel.skip}. */
    @Parameter(defaultValue = "false")
    protected boolean skip;

    /** The build's time stamp; SOURCE_DATE_EPOCH in the environment wins over it. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Where steps keep state, logs and outputs. */
    @Parameter(property = "firmware.buildArea", defaultValue = "${project.build.directory}/firmware")
    protected File buildArea;

    /** Where commands are looked up; defaults to PATH. */
    @Parameter(property = "firmware.hostPath")
    protected String hostPath;

    private BuildLog buildLog;
    private io.github.firmwaremaven.logging.Progress progress;

    /** Null when the board configures this goal (or the goal needs no configuration), else why there is nothing to do. */
    protected String nothingConfigured() throws Exception {
        return null;
    }

    protected abstract void runGoal() throws Exception;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution.getGoal();
        try {
            applyFormerProperties();
            String refused = withoutTerminal();
            if (refused != null) {
                // The first goal of a build that asked for menuconfig says so, before any download.
                throw new FirmwareException(refused);
            }
            beforeGoal();
            String skipped = skipReason();
            if (skipped != null) {
                getLog().info("Skipping " + goal + ": " + skipped);
                for (io.github.firmwaremaven.artifacts.ArtifactKind kind : mainKinds()) {
                    skippedMainKinds().put(kind.name(), goal + " (" + skipped + ")");
                }
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

    /** Runs first, skipped or not. */
    protected void beforeGoal() throws Exception {}

    /**
     * The kinds of main artifact this goal makes with the board's configuration (none by default). A
     * skipped goal still names them, so the main artifact's type never depends on what was skipped.
     */
    protected java.util.List<io.github.firmwaremaven.artifacts.ArtifactKind> mainKinds() {
        return java.util.List.of();
    }

    private static final String SKIPPED_MAIN = "firmware.outputs.skippedMain";

    /**
     * The main kinds skipped in this build: kind name to the goal that skipped it (names, since the
     * context is shared across class realms).
     */
    @SuppressWarnings("unchecked")
    protected Map<String, String> skippedMainKinds() {
        Map<String, Object> context = getPluginContext();
        if (context == null) {
            return new java.util.HashMap<>();
        }
        return (Map<String, String>) context.computeIfAbsent(SKIPPED_MAIN,
                k -> java.util.Collections.synchronizedMap(new java.util.TreeMap<>()));
    }

    /** Why menuconfig, when this build asks for it, cannot run here (no interactive terminal), or null. */
    protected String withoutTerminal() {
        boolean asked = session.getGoals().stream().anyMatch(g -> g.equals("menuconfig") || g.endsWith(":menuconfig"));
        if (!asked) {
            return null;
        }
        if (!session.getRequest().isInteractiveMode()) {
            return "firmware:menuconfig opens make menuconfig's full-screen interface and needs an interactive "
                    + "terminal: run it without -B (--batch-mode). Without a terminal, write the symbols into the "
                    + "fragment yourself (CONFIG_X=y lines) and build: every symbol is checked.";
        }
        if (System.console() == null) {
            return "firmware:menuconfig opens make menuconfig's full-screen interface, but this Maven's input or "
                    + "output is not a terminal (piped or redirected): run it directly in a terminal. Without one, "
                    + "write the symbols into the fragment yourself (CONFIG_X=y lines) and build.";
        }
        return null;
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

    /**
     * The build's time stamp, resolved once per build and project: without one set, every goal would
     * warn again and take another "now".
     */
    protected BuildTimestamp timestamp() throws FirmwareException {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        Map<String, Object> context = getPluginContext();
        String key = BuildTimestamp.class.getName() + "|" + epoch + "|" + outputTimestamp;
        // The context may hold another class realm's copy (a goal run from the command line beside the
        // packaging's extension): only this realm's own is used.
        Object held = context == null ? null : context.get(key);
        BuildTimestamp known = held instanceof BuildTimestamp ? (BuildTimestamp) held : null;
        if (known == null) {
            known = BuildTimestamp.resolve(epoch, outputTimestamp, buildLog());
            if (context != null && held == null) {
                context.put(key, known);
            }
        }
        return known;
    }

}
