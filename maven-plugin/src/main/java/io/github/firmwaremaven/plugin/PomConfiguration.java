package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.board.ConfigCheck;
import io.github.firmwaremaven.board.ConfigNode;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The adapter between Maven's view of the plugin's configuration and the core's {@link ConfigNode}:
 * the configuration as the project's model holds it (Maven 3.8 drops the elements no goal declares
 * before a goal sees its own), with the pom file and line of each element, and the plugin's
 * parameters with their Java types.
 */
final class PomConfiguration {
    private PomConfiguration() {}

    /**
     * Every problem of the plugin's configuration in the project (plugin level, every execution, and
     * parameters set by property) and of the time stamp.
     */
    static List<ConfigCheck.Problem> problems(PluginDescriptor plugin, MavenSession session, MavenProject project,
            String outputTimestamp) throws ClassNotFoundException {
        List<ConfigNode> configurations = configurations(project, plugin.getPluginLookupKey());
        configurations.add(fromProperties(plugin, configurations, session, project));
        File buildDirectory = new File(project.getBuild().getDirectory());
        List<ConfigCheck.Problem> found;
        try {
            found = new ConfigCheck(project.getBasedir().toPath(), buildDirectory.toPath(),
                    new DescriptorParameters(plugin)).check(configurations);
        } catch (MissingGoalClass e) {
            throw e.missing;
        }
        ConfigCheck.Problem time = ConfigCheck.timestamp(System.getenv("SOURCE_DATE_EPOCH"), outputTimestamp,
                propertyOrigin(session, project, "project.build.outputTimestamp"));
        if (time != null) {
            found.add(time);
        }
        return found;
    }

    /** The plugin as the project's effective model declares it (build plugins, else plugin management). */
    static Plugin plugin(MavenProject project, String pluginKey) {
        Plugin plugin = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(pluginKey);
        if (plugin == null && project.getPluginManagement() != null) {
            plugin = project.getPluginManagement().getPluginsAsMap().get(pluginKey);
        }
        return plugin;
    }

    /** The plugin-level configuration and every execution's, as written; empty when there is none. */
    static List<ConfigNode> configurations(MavenProject project, String pluginKey) {
        List<ConfigNode> result = new ArrayList<>();
        Plugin plugin = plugin(project, pluginKey);
        if (plugin == null) {
            return result;
        }
        if (plugin.getConfiguration() instanceof Xpp3Dom dom) {
            result.add(node(dom));
        }
        for (PluginExecution e : plugin.getExecutions()) {
            if (e.getConfiguration() instanceof Xpp3Dom dom) {
                result.add(node(dom));
            }
        }
        return result;
    }

    /**
     * The configuration one execution sees: its own (into which Maven's model builder has merged the
     * plugin-level one), else the plugin-level one; null when there is none.
     */
    static ConfigNode forExecution(MavenProject project, String pluginKey, String executionId) {
        Plugin plugin = plugin(project, pluginKey);
        if (plugin == null) {
            return null;
        }
        PluginExecution execution = plugin.getExecutionsAsMap().get(executionId);
        Object dom = execution != null && execution.getConfiguration() != null ? execution.getConfiguration()
                : plugin.getConfiguration();
        return dom instanceof Xpp3Dom d ? node(d) : null;
    }

    static ConfigNode node(Xpp3Dom dom) {
        List<ConfigNode> children = new ArrayList<>();
        for (Xpp3Dom child : dom.getChildren()) {
            children.add(node(child));
        }
        String file = null;
        int line = 0;
        // Maven 3.8 and later record where each element of a pom's configuration was read; Maven 4 in
        // its own InputLocation type (org.apache.maven.api.model), with the same getters.
        Object location = dom.getInputLocation();
        if (location instanceof InputLocation l) {
            line = l.getLineNumber();
            file = l.getSource() == null ? null : l.getSource().getLocation();
        } else if (location != null) {
            Object lineNumber = call(location, "getLineNumber");
            Object source = call(location, "getSource");
            line = lineNumber instanceof Integer n ? n : 0;
            file = source == null || !(call(source, "getLocation") instanceof String s) ? null : s;
            // Maven 4 names the pom by URI.
            if (file != null && file.startsWith("file:")) {
                try {
                    file = java.nio.file.Path.of(java.net.URI.create(file)).toString();
                } catch (IllegalArgumentException e) {
                    // not a URI after all: named as Maven gave it
                }
            }
        }
        return new ConfigNode(dom.getName(), children.isEmpty() ? dom.getValue() : null, children, file, line);
    }

    /** A public getter's value, or null when the object has none (a location type of another Maven). */
    private static Object call(Object target, String getter) {
        try {
            return target.getClass().getMethod(getter).invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Every goal's parameters a pom may set (aliases included; not the read-only ones such as
     * {@code project}), named by the descriptor; the Java type of the field Maven sets is looked up only
     * for the names a configuration uses. Reflecting on a goal's class links it, which verifies its
     * bytecode and loads what it refers to: over every goal that was a tenth of each no-op build's
     * plugin time, for parameters most boards never set.
     */
    /** Carries a goal class the descriptor names but the jar lacks out of the check's lookups. */
    private static final class MissingGoalClass extends RuntimeException {
        final ClassNotFoundException missing;

        MissingGoalClass(ClassNotFoundException missing) {
            super(missing);
            this.missing = missing;
        }
    }

    static final class DescriptorParameters implements ConfigCheck.Parameters {
        private final Map<String, List<MojoDescriptor>> goals = new LinkedHashMap<>();
        private final Map<String, Field> fields = new java.util.HashMap<>();

        DescriptorParameters(PluginDescriptor descriptor) {
            for (MojoDescriptor mojo : descriptor.getMojos()) {
                for (Parameter p : mojo.getParameters()) {
                    if (!p.isEditable()) {
                        continue;
                    }
                    goals.computeIfAbsent(p.getName(), k -> new ArrayList<>()).add(mojo);
                    if (p.getAlias() != null) {
                        goals.computeIfAbsent(p.getAlias(), k -> new ArrayList<>()).add(mojo);
                    }
                }
            }
        }

        @Override
        public Set<String> names() {
            return goals.keySet();
        }

        @Override
        public Type type(String name) {
            if (!goals.containsKey(name)) {
                return null;
            }
            Field f = field(name);
            return f == null ? Object.class : f.getGenericType();
        }

        @Override
        public boolean namesBoardFiles(String name) {
            Field f = goals.containsKey(name) ? field(name) : null;
            return f != null && f.isAnnotationPresent(BoardFile.class);
        }

        /** The field of the first goal declaring the parameter, searched from its base classes down. */
        private Field field(String name) {
            return fields.computeIfAbsent(name, n -> {
                MojoDescriptor mojo = goals.get(n).get(0);
                String fieldName = mojo.getParameterMap().containsKey(n) ? n : parameterOfAlias(mojo, n);
                try {
                    Class<?> goal = Class.forName(mojo.getImplementation(), false,
                            PomConfiguration.class.getClassLoader());
                    List<Class<?>> lineage = new ArrayList<>();
                    for (Class<?> k = goal; k != null; k = k.getSuperclass()) {
                        lineage.add(0, k);
                    }
                    for (Class<?> k : lineage) {
                        try {
                            return k.getDeclaredField(fieldName);
                        } catch (NoSuchFieldException e) {
                            // declared further down
                        }
                    }
                    return null;
                } catch (ClassNotFoundException e) {
                    throw new MissingGoalClass(e);
                }
            });
        }

        private static String parameterOfAlias(MojoDescriptor mojo, String alias) {
            return mojo.getParameters().stream().filter(p -> alias.equals(p.getAlias())).map(Parameter::getName)
                    .findFirst().orElse(alias);
        }
    }

    private static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    /**
     * The parameters that no configuration sets but whose property is set, on the command line or in
     * the pom's {@code <properties>}, as one configuration: their values are checked like the pom's.
     */
    static ConfigNode fromProperties(PluginDescriptor descriptor, List<ConfigNode> configurations,
            MavenSession session, MavenProject project) {
        Set<String> configured = new LinkedHashSet<>();
        configurations.forEach(c -> c.children().forEach(p -> configured.add(p.name())));
        Map<String, ConfigNode> result = new LinkedHashMap<>();
        for (MojoDescriptor mojo : descriptor.getMojos()) {
            for (Parameter p : mojo.getParameters()) {
                String e = p.getExpression();
                if (e == null || !e.matches("\\$\\{[^${}]+}") || configured.contains(p.getName())
                        || result.containsKey(p.getName())) {
                    continue;
                }
                String property = e.substring(2, e.length() - 1);
                String value = session.getUserProperties().getProperty(property);
                if (value != null) {
                    result.put(p.getName(), ConfigNode.leaf(p.getName(), value, "-D" + property
                            + " on the command line", 0));
                } else if ((value = project.getProperties().getProperty(property)) != null) {
                    InputLocation l = propertyLocation(project, property);
                    result.put(p.getName(), ConfigNode.leaf(p.getName(), value, l == null || l.getSource() == null
                            ? "the pom's <properties>" : l.getSource().getLocation(), l == null ? 0
                                    : l.getLineNumber()));
                }
            }
        }
        return new ConfigNode("properties", null, new ArrayList<>(result.values()), null, 0);
    }

    private static InputLocation propertyLocation(MavenProject project, String property) {
        InputLocation properties = project.getModel().getLocation("properties");
        return properties == null ? null : properties.getLocation(property);
    }

    /** Where a property's value comes from: the command line, or the pom's line; null when unset. */
    static String propertyOrigin(MavenSession session, MavenProject project, String property) {
        if (session.getUserProperties().getProperty(property) != null) {
            return "-D" + property + " on the command line";
        }
        if (session.getSystemProperties().getProperty(property) != null) {
            return "the system property " + property;
        }
        InputLocation l = propertyLocation(project, property);
        if (l != null && l.getSource() != null) {
            String pom = l.getSource().getLocation();
            java.nio.file.Path base = project.getBasedir().toPath().toAbsolutePath();
            java.nio.file.Path p = java.nio.file.Path.of(pom).toAbsolutePath();
            return (p.startsWith(base) ? base.relativize(p).toString() : pom) + " line " + l.getLineNumber();
        }
        return project.getProperties().getProperty(property) != null ? "the pom's <properties>" : null;
    }
}
