package io.github.firmwaremaven.report;

/**
 * Where the firmware report's content goes: a Doxia sink when {@code mvn site} renders it, a plain
 * HTML page when the goal runs on its own. Headings open a section that {@link #endSection} closes.
 */
public interface ReportPage {
    void begin(String title);

    /** Opens a section of the given level (1 or 2) with its heading. */
    void section(int level, String heading);

    void endSection(int level);

    void paragraph(String text);

    /** Markup the report made itself (SVG, tables), inserted as it is. */
    void markup(String html);

    void end();
}
