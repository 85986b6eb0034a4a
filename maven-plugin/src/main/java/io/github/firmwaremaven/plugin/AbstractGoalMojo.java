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
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

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

    /** Where commands are looked up; defaults to PATH. */
    @Parameter(property = "firmware.hostPath")
    protected String hostPath;

    private BuildLog buildLog;

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

}
