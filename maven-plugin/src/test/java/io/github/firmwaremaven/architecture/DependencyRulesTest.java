package io.github.firmwaremaven.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use what, checked on the compiled classes with jdeps (a fully qualified name in the code
 * counts as well): processes start only in {@code processes}, and only the step machine and the
 * cache goals touch the build cache.
 */
class DependencyRulesTest {
    private static final String ROOT = "io.github.firmwaremaven.";

    static List<Jdeps.Edge> edges;

    @BeforeAll
    static void readDependencies() {
        edges = Jdeps.edges();
    }

    private static String packageOf(String className) {
        String rest = className.substring(ROOT.length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
    }

    private static Set<String> users(String type) {
        Set<String> users = new TreeSet<>();
        for (Jdeps.Edge e : edges) {
            if ((e.to().equals(type) || e.to().startsWith(type + "$")) && e.from().startsWith(ROOT)) {
                users.add(e.from());
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

    /**
     * One step machine per Maven session and project: only the goals' base class makes it (and keeps
     * it in the plugin context); everything else is handed it. Checked on the sources, since jdeps
     * shows uses of a class, not where it is constructed.
     */
    @Test
    void onlyTheGoalsBaseClassMakesAStepMachine() throws Exception {
        Path sources = Paths.get(System.getProperty("firmware.main.sources", "src/main/java"));
        List<String> makers = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = java.nio.file.Files.readString(f);
                if (text.contains("new StepMachine(") || text.contains("StepMachine.forBuildArea(")) {
                    makers.add(sources.relativize(f).toString());
                }
            }
        }
        assertTrue(makers.contains("io/github/firmwaremaven/plugin/AbstractFirmwareMojo.java"),
                "the check sees no maker at all: " + makers);
        makers.removeIf(m -> m.startsWith("io/github/firmwaremaven/steps/")
                || m.equals("io/github/firmwaremaven/plugin/AbstractFirmwareMojo.java"));
        assertTrue(makers.isEmpty(), "take the step machine you are given (AbstractFirmwareMojo#steps): " + makers);
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
            if (!pkg.equals("steps") && !cacheGoal) {
                outside.add(u);
            }
        }
        assertTrue(outside.isEmpty(), "declare the step shared (Step.Builder#shared) instead: " + outside);
    }
}
