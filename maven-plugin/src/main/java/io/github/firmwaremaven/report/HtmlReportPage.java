package io.github.firmwaremaven.report;

/**
 * A self-contained HTML page for the report when it is not rendered into a Maven site: the same
 * content, with a few styles standing in for the site skin's.
 */
public final class HtmlReportPage implements ReportPage {
    private final StringBuilder html = new StringBuilder();

    @Override
    public void begin(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(Svg.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:80em}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    @Override
    public void section(int level, String heading) {
        html.append("<section>\n<h").append(level).append('>').append(Svg.esc(heading)).append("</h").append(level)
                .append(">\n");
    }

    @Override
    public void endSection(int level) {
        html.append("</section>\n");
    }

    @Override
    public void paragraph(String text) {
        html.append("<p>").append(Svg.esc(text)).append("</p>\n");
    }

    @Override
    public void markup(String markup) {
        html.append(markup).append('\n');
    }

    @Override
    public void end() {
        html.append("</body>\n</html>\n");
    }

    public String html() {
        return html.toString();
    }
}
