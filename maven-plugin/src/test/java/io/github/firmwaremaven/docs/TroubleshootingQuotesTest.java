package io.github.firmwaremaven.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting page quotes the messages the code prints: each quote (a bold code span) is
 * matched against the string literals of the sources, a {@code <word>} standing for a value the code
 * fills in (or for that literal text, such as {@code <sha256>}), {@code ...} for any text of the same
 * source file, and a space also for a value that may be empty.
 */
class TroubleshootingQuotesTest {
    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final Path PAGE = MODULE.resolve("../src-site/markdown/troubleshooting.md").normalize();
    /** Where a message is put together from a value: between two literals of one statement. */
    private static final char HOLE = '\u0000';
    /** Between two statements. */
    private static final char END = '\u0001';
    /** Between two source files. */
    private static final char FILE = '\u0002';

    @Test
    void everyQuotedMessageIsOneTheCodePrints() throws Exception {
        String messages = messages(MODULE.resolve("src/main/java"));
        Matcher quote = Pattern.compile("\\*\\*`(.+?)`\\*\\*").matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        List<String> stale = new ArrayList<>();
        int quotes = 0;
        while (quote.find()) {
            quotes++;
            if (!pattern(quote.group(1)).matcher(messages).find()) {
                stale.add(quote.group(1));
            }
        }
        assertEquals(List.of(), stale, "these quotes in " + PAGE + " are not what the code prints: copy the "
                + "message from the code, with <name> for a value and ... for what is left out");
        assertTrue(quotes > 20, "the page was read: " + quotes + " quotes");
    }

    @Test
    void aChangedMessageIsNoLongerFound() throws Exception {
        String messages = messages(MODULE.resolve("src/main/java"));
        String real = "No toolchain named '<name>' was resolved (known: ...).";
        assertTrue(pattern(real).matcher(messages).find(), real);
        String changed = "No toolchain called '<name>' was resolved (known: ...).";
        assertTrue(!pattern(changed).matcher(messages).find(), changed);
    }

    /** A quote as a pattern over {@link #messages}. */
    static Pattern pattern(String quote) {
        StringBuilder rx = new StringBuilder();
        Matcher m = Pattern.compile("\\s*\\.\\.\\.\\s*|<[a-z]+>|\\s+").matcher(quote);
        int at = 0;
        while (m.find()) {
            rx.append(Pattern.quote(quote.substring(at, m.start())));
            String token = m.group();
            if (token.trim().equals("...")) {
                rx.append("[^").append(FILE).append("]*?");
            } else if (token.startsWith("<")) {
                rx.append("(?:").append(Pattern.quote(token)).append("|[").append(HOLE).append(END).append("]+)");
            } else {
                rx.append("(?:\\s+|\\s*").append(HOLE).append("\\s*)");
            }
            at = m.end();
        }
        rx.append(Pattern.quote(quote.substring(at)));
        return Pattern.compile(rx.toString());
    }

    /**
     * The sources' string literals, statement by statement: literals joined with + or appended one
     * after the other are one text, other code between two literals of a statement is a hole.
     */
    static String messages(Path sourceRoot) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(sourceRoot)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        StringBuilder out = new StringBuilder();
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
        for (Path f : files) {
            String code = Files.readString(f, StandardCharsets.UTF_8)
                    .replaceAll("\"\\s*\\+\\s*\"", "")
                    .replaceAll("\"\\s*\\)\\s*\\.append\\(\\s*\"", "");
            Matcher m = literal.matcher(code);
            int end = -1;
            while (m.find()) {
                if (end >= 0) {
                    out.append(code.substring(end, m.start()).indexOf(';') >= 0 ? END : HOLE);
                }
                out.append(unescape(m.group(1)));
                end = m.end();
            }
            out.append(FILE);
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
