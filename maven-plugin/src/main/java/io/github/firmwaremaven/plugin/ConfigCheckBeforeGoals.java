package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.board.ConfigCheck;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.project.MavenProject;

/**
 * The board's configuration check for builds that name a goal without running {@code validate}
 * ({@code mvn firmware:build-kernel}): Maven would configure the goal first and fail on a mistyped
 * nested element with "Cannot find 'defconfg' in class ...", naming no pom line. As a lifecycle
 * participant of the build extension this runs once the projects are read, before any goal is
 * configured. Builds that run a phase of the default lifecycle get the same check (with the host's
 * tools) from check-host in {@code validate}, so they are left to it.
 */
public class ConfigCheckBeforeGoals extends AbstractMavenLifecycleParticipant {
    /** Phases of the lifecycles that do not run validate: naming only these (and goals) skips check-host. */
    static final Set<String> OTHER_LIFECYCLES = Set.of("pre-clean", "clean", "post-clean", "pre-site", "site",
            "post-site", "site-deploy");

    @Override
    public void afterProjectsRead(MavenSession session) throws MavenExecutionException {
        List<String> goals = session.getGoals();
        if (!namesOurGoalWithoutValidate(goals)) {
            return;
        }
        PluginDescriptor plugin = ownDescriptor();
        // Only goals that Maven gives the board's elements can fail on them (not help or check-host).
        if (goals.stream().noneMatch(g -> readsBoard(plugin, g))) {
            return;
        }
        for (MavenProject project : session.getProjects()) {
            if (PomConfiguration.plugin(project, plugin.getPluginLookupKey()) == null) {
                continue;
            }
            String timestamp = session.getUserProperties().getProperty("project.build.outputTimestamp",
                    project.getProperties().getProperty("project.build.outputTimestamp"));
            try {
                String report = ConfigCheck.report(PomConfiguration.problems(plugin, session, project, timestamp),
                        null);
                if (report != null) {
                    throw new MavenExecutionException(project.getArtifactId() + ": " + report, project.getFile());
                }
            } catch (ClassNotFoundException e) {
                throw new MavenExecutionException("The plugin's own goal classes are missing (" + e.getMessage()
                        + "): the plugin jar is damaged; delete it from the local repository and run again.", e);
            }
        }
    }

    /** Whether the build names one of this plugin's goals and no phase that runs validate. */
    static boolean namesOurGoalWithoutValidate(List<String> goals) {
        boolean ours = false;
        for (String g : goals) {
            if (!g.contains(":")) {
                if (!OTHER_LIFECYCLES.contains(g)) {
                    return false;
                }
            } else if (g.startsWith("firmware:") || g.contains(":firmware-maven-plugin:")) {
                ours = true;
            }
        }
        return ours;
    }

    /** Whether {@code token} names one of this plugin's goals that Maven configures with the board. */
    static boolean readsBoard(PluginDescriptor plugin, String token) {
        if (!token.startsWith("firmware:") && !token.contains(":firmware-maven-plugin:")) {
            return false;
        }
        String goal = token.substring(token.lastIndexOf(':') + 1);
        int at = goal.indexOf('@');
        MojoDescriptor mojo = plugin.getMojo(at < 0 ? goal : goal.substring(0, at));
        if (mojo == null) {
            return false; // Maven names the unknown goal itself
        }
        try {
            return AbstractFirmwareMojo.class.isAssignableFrom(
                    Class.forName(mojo.getImplementation(), false, ConfigCheckBeforeGoals.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** This plugin's descriptor, read from its own jar (a participant is given none). */
    static PluginDescriptor ownDescriptor() throws MavenExecutionException {
        try {
            Enumeration<URL> all = ConfigCheckBeforeGoals.class.getClassLoader().getResources("META-INF/maven/plugin.xml");
            while (all.hasMoreElements()) {
                try (Reader reader = new InputStreamReader(all.nextElement().openStream(), StandardCharsets.UTF_8)) {
                    PluginDescriptor d = new PluginDescriptorBuilder().build(reader);
                    if ("firmware-maven-plugin".equals(d.getArtifactId())) {
                        return d;
                    }
                }
            }
        } catch (Exception e) {
            throw new MavenExecutionException("Cannot read the plugin's own descriptor: " + e + ". The plugin jar is damaged: "
                    + "delete it from the local repository and run again.", (Throwable) e);
        }
        throw new MavenExecutionException("The plugin's own descriptor (META-INF/maven/plugin.xml) is missing: "
                + "the plugin jar is damaged; delete it from the local repository and run again.",
                (Throwable) null);
    }
}
