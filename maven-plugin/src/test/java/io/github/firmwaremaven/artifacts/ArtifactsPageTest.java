package io.github.firmwaremaven.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The site's Artifacts table and ArtifactKind name the same classifiers. */
class ArtifactsPageTest {
    @Test
    void theTableListsEveryKindAndNoOther() throws Exception {
        String page = Files.readString(Path.of("..", "src-site", "markdown", "artifacts.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\|[^|]*\\| `([^`]+)`(?: / `([^`]+)`)? \\|").matcher(page);
        while (m.find()) {
            documented.add(m.group(1).replace("-<host>-<target>", ""));
            if (m.group(2) != null) {
                documented.add(m.group(2));
            }
        }
        Set<String> kinds = new TreeSet<>();
        Arrays.stream(ArtifactKind.values()).map(ArtifactKind::classifier).forEach(kinds::add);
        assertEquals(kinds, documented, "src-site/markdown/artifacts.md and ArtifactKind disagree");
    }
}
