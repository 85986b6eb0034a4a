package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/**
 * Properties and skipping as the generated plugin descriptor (what Maven itself reads) declares them:
 * every property is {@code firmware.<goal>.<parameter>} or, when several goals share the parameter,
 * {@code firmware.<parameter>}; former names still work, with a warning naming the new one.
 */
class GoalPropertiesTest {
    private static PluginDescriptor descriptor() throws Exception {
        try (Reader r = new InputStreamReader(GoalPropertiesTest.class.getResourceAsStream(
                "/META-INF/maven/plugin.xml"), StandardCharsets.UTF_8)) {
            return new PluginDescriptorBuilder().build(r);
        }
    }

    /** Log lines, warnings marked, instead of the console. */
    static final class Lines extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add(content.toString());
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }
    }

    /** A goal of the plugin, configured as Maven would be without a pom: only the given -D properties. */
    private static <T extends AbstractFirmwareMojo> T goal(T mojo, String goal, Lines log, String... properties)
            throws Exception {
        Properties user = new Properties();
        for (int i = 0; i < properties.length; i += 2) {
            user.setProperty(properties[i], properties[i + 1]);
        }
        MojoDescriptor d = descriptor().getMojo(goal);
        mojo.mojoExecution = new MojoExecution(d);
        mojo.session = Sessions.withUserProperties(user);
        mojo.project = new MavenProject();
        mojo.buildArea = new java.io.File("target/goal-properties-test");
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void everyPropertyIsNamedAfterItsGoalOrSharedByGoals() throws Exception {
        Map<String, List<String>> users = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (MojoDescriptor m : descriptor().getMojos()) {
            for (Parameter p : m.getParameters()) {
                String e = p.getExpression();
                if (e == null || !e.startsWith("${") || !p.isEditable()) {
                    continue;
                }
                String property = e.substring(2, e.length() - 1);
                users.computeIfAbsent(property, k -> new ArrayList<>()).add(m.getGoal());
                boolean own = property.equals("firmware." + m.getGoal() + "." + p.getName());
                boolean shared = property.equals("firmware." + p.getName()) || property.equals("firmware.skip");
                if (!own && !shared) {
                    wrong.add(m.getGoal() + " <" + p.getName() + "> has -D" + property);
                }
            }
        }
        users.forEach((property, goals) -> {
            boolean own = goals.size() == 1 && property.startsWith("firmware." + goals.get(0) + ".");
            if (!own && goals.size() < 2) {
                wrong.add("-D" + property + " is named as shared but only " + goals + " reads it");
            }
        });
        assertEquals(List.of(), wrong);
        assertTrue(users.containsKey("firmware.boot-test.expect"), "the check saw the goals' parameters: " + users.keySet());
    }

    @Test
    void eachGoalSkipsOnItsOwnPropertyAndSaysWhich() throws Exception {
        Lines log = new Lines();
        goal(new BuildKernelMojo(), "build-kernel", log, "firmware.build-kernel.skip", "true").execute();
        assertEquals(List.of("Skipping build-kernel: firmware.build-kernel.skip is set"), log.lines);
    }

    @Test
    void theFormerSkipPropertyStillSkipsWithAWarning() throws Exception {
        Lines log = new Lines();
        goal(new BuildKernelMojo(), "build-kernel", log, "build-kernel.skip", "").execute();
        assertEquals(List.of("WARN -Dbuild-kernel.skip is deprecated and will be removed: use "
                + "-Dfirmware.build-kernel.skip (the same meaning)", "Skipping build-kernel: build-kernel.skip is set"),
                log.lines);
    }

    @Test
    void skipTestsSkipsTheBootTestAndSkipBootTestIsDeprecated() throws Exception {
        Lines log = new Lines();
        goal(new BootTestMojo(), "boot-test", log, "skipTests", "true").execute();
        assertEquals(List.of("Skipping boot-test: skipTests is set"), log.lines);
        log.lines.clear();
        goal(new BootTestMojo(), "boot-test", log, "maven.test.skip", "true").execute();
        assertEquals(List.of("Skipping boot-test: maven.test.skip is set"), log.lines);
        log.lines.clear();
        goal(new BootTestMojo(), "boot-test", log, "skipBootTest", "true").execute();
        assertEquals(List.of("WARN -DskipBootTest is deprecated and will be removed: use -Dfirmware.boot-test.skip "
                + "(the same meaning)", "Skipping boot-test: skipBootTest is set"), log.lines);
        log.lines.clear();
        goal(new BootTestMojo(), "boot-test", log, "skipTests", "false").execute();
        assertEquals(List.of("Skipping boot-test: no boot test declared"), log.lines, "skipTests=false skips nothing");
    }

    @Test
    void aFormerPropertySetsTheParameterUnlessTheNewOneIsGiven() throws Exception {
        Lines log = new Lines();
        BootTestMojo old = goal(new BootTestMojo(), "boot-test", log, "bootTest.expect", "HELLO", "firmware.skip",
                "true");
        old.skipAll = true;
        old.execute();
        assertEquals("HELLO", field(old, "expect"));
        assertEquals("WARN -DbootTest.expect is deprecated and will be removed: use -Dfirmware.boot-test.expect "
                + "(the same meaning)", log.lines.get(0));
        BootTestMojo both = goal(new BootTestMojo(), "boot-test", log, "bootTest.expect", "OLD",
                "firmware.boot-test.expect", "NEW");
        both.skipAll = true;
        both.execute();
        assertNull(field(both, "expect"), "Maven injects the new property itself; the old one must not override it");
        BootTestMojo timeout = goal(new BootTestMojo(), "boot-test", log, "bootTest.timeoutSeconds", "42");
        timeout.skipAll = true;
        timeout.execute();
        assertEquals(42, field(timeout, "timeoutSeconds"), "converted to the parameter's type");
    }

    @Test
    void everyFormerPropertyBelongsToAParameterWithACurrentProperty() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (MojoDescriptor m : descriptor().getMojos()) {
            Class<?> c = Class.forName(m.getImplementation());
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (f.getAnnotation(FormerProperty.class) == null) {
                        continue;
                    }
                    Parameter p = m.getParameterMap().get(f.getName());
                    if (p == null || p.getExpression() == null) {
                        wrong.add(m.getGoal() + "." + f.getName());
                    }
                }
            }
            assertFalse(Mojo.class.isAssignableFrom(c) && m.getParameters() == null, m.getGoal());
        }
        assertEquals(List.of(), wrong);
    }

    private static Object field(Object mojo, String name) throws Exception {
        for (Class<?> k = mojo.getClass(); k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(mojo);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
