package io.github.firmwaremaven.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks on an error message or a file's text that must say several things: each part is checked on
 * its own, and a failure shows the missing (or unwanted) part with the whole text.
 */
public final class TextAssertions {
    private TextAssertions() {}

    public static void assertContainsAll(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "no \"" + part + "\" in:\n" + text);
        }
    }

    public static void assertContainsNone(String text, String... parts) {
        for (String part : parts) {
            assertFalse(text.contains(part), () -> "\"" + part + "\" should not be in:\n" + text);
        }
    }
}
