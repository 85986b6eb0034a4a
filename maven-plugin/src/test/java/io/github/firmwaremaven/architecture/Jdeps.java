package io.github.firmwaremaven.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/** The class-level dependencies of the compiled plugin, as jdeps sees them (a fully qualified name in the code counts). */
final class Jdeps {
    /** A class and a class it uses. */
    record Edge(String from, String to) {}

    private Jdeps() {}

    static Path classes() {
        return Paths.get(System.getProperty("firmware.test.classes", "target/classes"));
    }

    /** jdeps' own output, for tests that look at it whole. */
    static String output() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                classes().toString());
        assertEquals(0, rc, out.toString());
        return out.toString();
    }

    static List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        String from = null;
        for (String line : output().split("\n")) {
            // Lines look like "   a.b.C   -> x.y.Z   module-or-jar"; a blank left side repeats the last class.
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
                edges.add(new Edge(from, t.substring(arrow + 2).trim().split("\\s+")[0]));
            }
        }
        return edges;
    }
}
