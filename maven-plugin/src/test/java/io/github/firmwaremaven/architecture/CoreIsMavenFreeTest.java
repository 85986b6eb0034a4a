package io.github.firmwaremaven.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core packages must not use Maven, Plexus or Aether: proved on the compiled bytecode with
 * jdeps, so an import hidden in a fully qualified name is caught as well.
 */
class CoreIsMavenFreeTest {
    private static final String MOJO_PACKAGE = "io.github.firmwaremaven.plugin";

    @Test
    void coreClassesReferenceNoMavenPlexusOrAetherType() throws Exception {
        Path classes = Paths.get(System.getProperty("firmware.test.classes", "target/classes"));
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                classes.toString());
        assertEquals(0, rc, out.toString());
        List<String> violations = new ArrayList<>();
        String from = null;
        for (String line : out.toString().split("\n")) {
            String t = line.trim();
            // Lines look like "   a.b.C   -> x.y.Z   module-or-jar"
            int arrow = t.indexOf("->");
            if (arrow < 0) {
                continue;
            }
            String left = t.substring(0, arrow).trim();
            if (!left.isEmpty()) {
                from = left;
            }
            String to = t.substring(arrow + 2).trim().split("\\s+")[0];
            if (from != null && !from.startsWith(MOJO_PACKAGE + ".") && !from.startsWith(MOJO_PACKAGE + "$")
                    && (to.startsWith("org.apache.maven") || to.startsWith("org.codehaus.plexus")
                            || to.startsWith("org.eclipse.aether"))) {
                violations.add(from + " -> " + to);
            }
        }
        assertTrue(violations.isEmpty(), "core classes use Maven APIs:\n" + String.join("\n", violations));
    }

    @Test
    void theCheckSeesMavenUseInTheMojoPackage() throws Exception {
        // Guards the test above against passing vacuously (e.g. jdeps printing nothing).
        Path classes = Paths.get(System.getProperty("firmware.test.classes", "target/classes"));
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", classes.toString());
        assertTrue(out.toString().contains("-> org.apache.maven.plugin.AbstractMojo"), out.toString());
        try (Stream<Path> s = Files.walk(classes)) {
            List<String> corePackages = s.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p.getParent()).toString().replace('/', '.'))
                    .distinct().filter(p -> !p.equals(MOJO_PACKAGE)).collect(Collectors.toList());
            assertTrue(corePackages.contains("io.github.firmwaremaven.steps"), corePackages.toString());
        }
    }
}
