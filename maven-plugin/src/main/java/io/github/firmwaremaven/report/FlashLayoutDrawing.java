package io.github.firmwaremaven.report;

import java.util.List;

/**
 * A flash image drawn to scale: one band per kind of region (FMAP areas, CBFS entries, firmware
 * volumes), each region a box at its offset with its size, labelled where the label fits and
 * numbered as in the table beneath.
 */
public final class FlashLayoutDrawing {
    static final int WIDTH = 960;
    static final int MARGIN = 20;
    static final int BAR = WIDTH - 2 * MARGIN;
    static final int TOP = 24;
    static final int BAND = 30;
    static final int BAND_GAP = 26;
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#86bcb6"};
    static final String FREE = "#eeeeee";

    private FlashLayoutDrawing() {}

    /** x of an offset in an image of the given size. */
    static double x(long offset, long imageSize) {
        return MARGIN + BAR * (double) offset / imageSize;
    }

    static double width(long span, long imageSize) {
        return Math.max(1.0, BAR * (double) span / imageSize);
    }

    static String colour(FlashImage image, FlashRegion r) {
        return r.free() ? FREE : PALETTE[image.regions().indexOf(r) % PALETTE.length];
    }

    public static String svg(FlashImage image) {
        List<String> rows = image.rows();
        long size = image.size();
        int bandsBottom = TOP + rows.size() * (BAND + BAND_GAP);
        int height = bandsBottom + 30;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"firmware-layout\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n");
        sb.append("<title>").append(Svg.esc(image.title() + " (" + image.fileName() + ", " + Svg.bytes(size) + ")"))
                .append("</title>\n");
        for (int r = 0; r < rows.size(); r++) {
            int y = TOP + r * (BAND + BAND_GAP);
            sb.append("<text x=\"").append(MARGIN).append("\" y=\"").append(y - 6)
                    .append("\" font-weight=\"bold\">").append(Svg.esc(rows.get(r))).append("</text>\n");
            sb.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(y).append("\" width=\"").append(BAR)
                    .append("\" height=\"").append(BAND).append("\" fill=\"none\" stroke=\"#888\"/>\n");
            for (FlashRegion region : image.regions()) {
                if (region.row().equals(rows.get(r))) {
                    region(sb, image, region, y);
                }
            }
        }
        axis(sb, size, bandsBottom - BAND_GAP + 6);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void region(StringBuilder sb, FlashImage image, FlashRegion r, int y) {
        long size = image.size();
        double x = x(r.offset(), size);
        double w = width(r.span(), size);
        int number = image.regions().indexOf(r) + 1;
        sb.append("<g class=\"region\" data-name=\"").append(Svg.esc(r.name())).append("\" data-offset=\"")
                .append(r.offset()).append("\" data-span=\"").append(r.span()).append("\">");
        sb.append("<title>").append(Svg.esc(number + ". " + r.name() + " at " + Svg.hex(r.offset()) + ", "
                + r.size() + " bytes (" + Svg.bytes(r.size()) + ")")).append("</title>");
        sb.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(y).append("\" width=\"").append(Svg.num(w))
                .append("\" height=\"").append(BAND).append("\" fill=\"").append(colour(image, r))
                .append("\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>");
        String label = r.name();
        if (Svg.textWidth(label, 11) + 6 > w) {
            label = Integer.toString(number);
        }
        if (Svg.textWidth(label, 11) + 4 <= w) {
            sb.append("<text x=\"").append(Svg.num(x + w / 2)).append("\" y=\"").append(y + BAND / 2 + 4)
                    .append("\" text-anchor=\"middle\" fill=\"").append(r.free() ? "#555" : "#fff").append("\">")
                    .append(Svg.esc(label)).append("</text>");
        }
        sb.append("</g>\n");
    }

    private static void axis(StringBuilder sb, long size, int y) {
        sb.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(y).append("\" x2=\"").append(MARGIN + BAR)
                .append("\" y2=\"").append(y).append("\" stroke=\"#888\"/>\n");
        for (int q = 0; q <= 4; q++) {
            long offset = size * q / 4;
            double x = x(offset, size);
            String anchor = q == 0 ? "start" : q == 4 ? "end" : "middle";
            sb.append("<line x1=\"").append(Svg.num(x)).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(Svg.num(x)).append("\" y2=\"").append(y + 5).append("\" stroke=\"#888\"/>");
            sb.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(y + 18).append("\" text-anchor=\"")
                    .append(anchor).append("\">").append(Svg.esc(Svg.hex(offset) + " (" + Svg.bytes(offset) + ")"))
                    .append("</text>\n");
        }
    }

    /** The regions as an HTML table, numbered and coloured as in the drawing. */
    public static String table(FlashImage image) {
        StringBuilder sb = new StringBuilder("<table class=\"bodyTable firmware-layout-table\">\n<thead><tr>"
                + "<th>#</th><th>Band</th><th>Name</th><th>Type</th><th>Offset</th><th>Size (bytes)</th><th>Size</th>"
                + "<th>Detail</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < image.regions().size(); i++) {
            FlashRegion r = image.regions().get(i);
            sb.append("<tr><td><span style=\"display:inline-block;width:10px;height:10px;margin-right:4px;background:")
                    .append(colour(image, r)).append("\"></span>").append(i + 1).append("</td><td>")
                    .append(Svg.esc(r.row())).append("</td><td>").append(Svg.esc(r.name())).append("</td><td>")
                    .append(Svg.esc(r.type())).append("</td><td><code>").append(Svg.hex(r.offset()))
                    .append("</code></td><td>").append(r.size()).append("</td><td>").append(Svg.bytes(r.size()))
                    .append("</td><td>").append(Svg.esc(r.detail())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return sb.toString();
    }
}
