package io.github.firmwaremaven.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void coreClassesReferenceNoMavenPlexusOrAetherType() {
        List<String> violations = new ArrayList<>();
        for (Jdeps.Edge e : Jdeps.edges()) {
            String to = e.to();
            if (!e.from().startsWith(MOJO_PACKAGE + ".") && !e.from().startsWith(MOJO_PACKAGE + "$")
                    && (to.startsWith("org.apache.maven") || to.startsWith("org.codehaus.plexus")
                            || to.startsWith("org.eclipse.aether"))) {
                violations.add(e.from() + " -> " + to);
            }
        }
        assertTrue(violations.isEmpty(), "core classes use Maven APIs:\n" + String.join("\n", violations));
    }

    @Test
    void theCheckSeesMavenUseInTheMojoPackage() throws Exception {
        // Guards the test above against passing vacuously (e.g. jdeps printing nothing).
        Path classes = Jdeps.classes();
        String out = Jdeps.output();
        assertTrue(out.contains("-> org.apache.maven.plugin.AbstractMojo"), out);
        try (Stream<Path> s = Files.walk(classes)) {
            List<String> corePackages = s.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p.getParent()).toString().replace('/', '.'))
                    .distinct().filter(p -> !p.equals(MOJO_PACKAGE)).collect(Collectors.toList());
            assertTrue(corePackages.contains("io.github.firmwaremaven.steps"), corePackages.toString());
        }
    }
}
