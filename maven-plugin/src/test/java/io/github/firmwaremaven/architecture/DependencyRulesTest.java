package io.github.firmwaremaven.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use what, checked on the compiled classes with jdeps (a fully qualified name in the code
 * counts as well): processes start only in {@code processes}, and only the step machine and the
 * cache goals touch the build cache.
 */
class DependencyRulesTest {
    private static final String ROOT = "io.github.firmwaremaven.";
    /** Packages whose reuse still goes around the step machine: toolchains (issue 15). */
    private static final Set<String> NOT_YET_ON_THE_STEP_MACHINE = Set.of("toolchain");
    /** The goals that hand those packages the cache. */
    private static final Set<String> THEIR_GOALS = Set.of(ROOT + "plugin.BuildToolchainMojo");

    static final List<String[]> EDGES = new ArrayList<>();

    @BeforeAll
    static void readDependencies() {
        Path classes = Paths.get(System.getProperty("firmware.test.classes", "target/classes"));
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                classes.toString());
        assertEquals(0, rc, out.toString());
        String from = null;
        for (String line : out.toString().split("\n")) {
            String t = line.trim();
            int arrow = t.indexOf("->");
            if (arrow < 0) {
                continue;
            }
            String left = t.substring(0, arrow).trim();
            if (!left.isEmpty()) {
                from = left;
            }
            if (from != null) {
                EDGES.add(new String[] {from, t.substring(arrow + 2).trim().split("\\s+")[0]});
            }
        }
    }

    private static String packageOf(String className) {
        String rest = className.substring(ROOT.length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
    }

    private static Set<String> users(String type) {
        Set<String> users = new TreeSet<>();
        for (String[] e : EDGES) {
            if ((e[1].equals(type) || e[1].startsWith(type + "$")) && e[0].startsWith(ROOT)) {
                users.add(e[0]);
            }
        }
        return users;
    }

    @Test
    void onlyTheProcessesPackageStartsProcesses() {
        Set<String> users = users("java.lang.ProcessBuilder");
        assertFalse(users.isEmpty(), "jdeps saw no ProcessBuilder at all: the check would pass vacuously");
        List<String> outside = new ArrayList<>();
        for (String u : users) {
            if (!packageOf(u).equals("processes")) {
                outside.add(u);
            }
        }
        assertTrue(outside.isEmpty(), "start processes through processes.ProcessRunner or ShortCommand: " + outside);
    }

    @Test
    void onlyTheStepMachineAndTheCacheGoalsUseTheBuildCache() {
        Set<String> users = users(ROOT + "steps.BuildCache");
        assertTrue(users.stream().anyMatch(u -> u.startsWith(ROOT + "steps.StepMachine")), users.toString());
        List<String> outside = new ArrayList<>();
        for (String u : users) {
            String pkg = packageOf(u);
            boolean cacheGoal = pkg.equals("plugin") && (u.contains(".Cache") || u.contains(".VerifyCache")
                    || u.contains(".AbstractFirmwareMojo"));
            if (!pkg.equals("steps") && !cacheGoal && !NOT_YET_ON_THE_STEP_MACHINE.contains(pkg)
                    && !THEIR_GOALS.contains(u.replaceFirst("\\$.*", ""))) {
                outside.add(u);
            }
        }
        assertTrue(outside.isEmpty(), "declare the step shared (Step.Builder#shared) instead: " + outside);
    }
}
