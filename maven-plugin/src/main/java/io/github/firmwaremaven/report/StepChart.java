package io.github.firmwaremaven.report;

import java.util.List;

/**
 * A horizontal bar chart of build-step durations, most expensive first. A step that ran is drawn
 * in full colour with this build's time; an up-to-date step pale, with the time of its last run
 * when steps.json knows it.
 */
public final class StepChart {
    static final int WIDTH = 900;
    static final int LABEL_WIDTH = 220;
    static final int BAR_AREA = 440; // leaves room for "up to date (last run 1234.5 s)" within WIDTH
    static final int ROW = 26;
    static final int TOP = 40;
    static final String RAN = "#2f6fae";
    static final String UP_TO_DATE = "#b7c4d1";
    static final String FAILED = "#c0392b";

    private StepChart() {}

    /** Bar length in pixels for a step, given the longest step's cost. */
    static double barWidth(long millis, long maxMillis) {
        return maxMillis <= 0 ? 0 : BAR_AREA * (double) millis / maxMillis;
    }

    public static String svg(List<StepTiming> steps) {
        List<StepTiming> sorted = StepTiming.byCost(steps);
        long max = sorted.isEmpty() ? 0 : sorted.get(0).costMillis();
        int height = TOP + ROW * sorted.size() + 16;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"firmware-steps\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        sb.append("<title>Build step durations</title>\n");
        legend(sb, 0, RAN, "ran in this build");
        legend(sb, 150, UP_TO_DATE, "up to date (bar: its last run)");
        legend(sb, 390, FAILED, "failed");
        double x0 = LABEL_WIDTH;
        // A faint line at the bars' origin keeps zero-length bars readable.
        sb.append("<line x1=\"").append(Svg.num(x0)).append("\" y1=\"").append(TOP - 6).append("\" x2=\"")
                .append(Svg.num(x0)).append("\" y2=\"").append(height - 10).append("\" stroke=\"#999\"/>\n");
        for (int i = 0; i < sorted.size(); i++) {
            StepTiming s = sorted.get(i);
            int y = TOP + i * ROW;
            double w = barWidth(s.costMillis(), max);
            String colour = s.failed() ? FAILED : s.upToDate() ? UP_TO_DATE : RAN;
            sb.append("<g class=\"step\" data-step=\"").append(Svg.esc(s.id())).append("\">");
            sb.append("<title>").append(Svg.esc(s.id() + ": " + describe(s))).append("</title>");
            sb.append("<text x=\"").append(Svg.num(x0 - 8)).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(Svg.esc(s.id())).append("</text>");
            sb.append("<rect x=\"").append(Svg.num(x0)).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(Svg.num(w)).append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(colour)
                    .append("\"/>");
            sb.append("<text x=\"").append(Svg.num(x0 + w + 6)).append("\" y=\"").append(y + 14).append("\">")
                    .append(Svg.esc(describe(s))).append("</text>");
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String describe(StepTiming s) {
        if (s.upToDate()) {
            return s.lastRunMillis() > 0 ? "up to date (last run " + Svg.seconds(s.lastRunMillis()) + ")" : "up to date";
        }
        return Svg.seconds(s.durationMillis()) + (s.failed() ? ", failed" : "");
    }

    private static void legend(StringBuilder sb, int x, String colour, String text) {
        sb.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").append(colour)
                .append("\"/><text x=\"").append(x + 18).append("\" y=\"16\">").append(Svg.esc(text)).append("</text>\n");
    }
}
