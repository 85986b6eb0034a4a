package io.github.firmwaremaven.report;

import java.util.Locale;

/** Small helpers for SVG and HTML text built as strings. */
final class Svg {
    private Svg() {}

    /** Escapes text for element content and attribute values alike. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default:
                    // Control characters are not allowed in XML 1.0; they can only come from a broken input.
                    sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c);
            }
        }
        return sb.toString();
    }

    /** Coordinates with two decimals and a dot whatever the default locale. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Bytes in the largest unit that keeps a whole number or one decimal: "4 MiB", "52.7 KiB", "32 B". */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    /** Approximate width of text in the 12px sans-serif the drawings use; decides whether a label fits. */
    static double textWidth(String s, double fontSize) {
        return s.length() * fontSize * 0.6;
    }
}
