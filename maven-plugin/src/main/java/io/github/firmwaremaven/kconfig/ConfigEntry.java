package io.github.firmwaremaven.kconfig;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * One symbol assignment of a Kconfig config file and where it was written.
 *
 * @param symbol the name without the prefix ({@code FOO} for {@code CONFIG_FOO})
 * @param value the value as written ({@code y}, {@code m}, {@code 123}, {@code 0x10}, or a quoted and
 *     escaped string such as {@code "a \"b\""}); {@code null} for {@code # CONFIG_FOO is not set}
 * @param source the file (or label) the line came from
 * @param line the 1-based line number in {@code source}
 */
public record ConfigEntry(String symbol, String value, String source, int line) {
    public ConfigEntry {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(source, "source");
    }

    /** {@code is not set}, or the equivalent {@code =n} that kconfig accepts on input. */
    public boolean isNotSet() {
        return value == null || value.equals("n");
    }

    public String location() {
        return source + ":" + line;
    }

    /** The value as a user reads it in a message: {@code is not set} or the raw value. */
    public String describeValue() {
        return isNotSet() ? "is not set" : value;
    }

    /** The config line for this entry with the given prefix. */
    public String render(String prefix) {
        return value == null ? "# " + prefix + symbol + " is not set" : prefix + symbol + "=" + value;
    }

    /**
     * Whether two values mean the same to kconfig: {@code n} equals not set, strings compare by their
     * unescaped text, hex by number (kconfig keeps the user's spelling, so case may differ).
     */
    public static boolean sameValue(String a, String b) {
        boolean aUnset = a == null || a.equals("n");
        boolean bUnset = b == null || b.equals("n");
        if (aUnset || bUnset) {
            return aUnset == bUnset;
        }
        if (a.startsWith("\"") && b.startsWith("\"")) {
            return unquote(a).equals(unquote(b));
        }
        if (isHex(a) && isHex(b)) {
            return new BigInteger(a.substring(2), 16).equals(new BigInteger(b.substring(2), 16));
        }
        return a.equals(b);
    }

    static boolean isHex(String v) {
        return v.length() > 2 && v.substring(0, 2).toLowerCase(Locale.ROOT).equals("0x")
                && v.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** A string as kconfig writes it: in double quotes, with {@code "} and {@code \} escaped. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The text of a quoted value; the caller has checked it is well formed. */
    public static String unquote(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
