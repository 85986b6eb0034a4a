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

    /** Colours cycle within a band, so neighbours differ and no box repeats its parent's colour by accident. */
    static String colour(FlashImage image, FlashRegion r) {
        if (r.free()) {
            return FREE;
        }
        int i = 0;
        for (FlashRegion o : image.regions()) {
            if (o == r) {
                break;
            }
            if (o.row().equals(r.row()) && !o.free()) {
                i++;
            }
        }
        return PALETTE[i % PALETTE.length];
    }

    /** Offsets from..to mapped onto the bar. */
    record Scale(long from, long to) {
        double x(long offset) {
            return MARGIN + BAR * (double) (offset - from) / (to - from);
        }

        double width(long a, long b) {
            return Math.max(1.0, BAR * (double) (b - a) / (to - from));
        }
    }

    /** A run of neighbouring boxes too narrow for their number: drawn again, enlarged, below the axis. */
    record Zoom(String row, long from, long to) {}

    static final double NARROW = 16;

    static Zoom zoom(FlashImage image) {
        Zoom best = null;
        int bestCount = 2;
        for (String row : image.rows()) {
            List<FlashRegion> inRow = image.regions().stream().filter(r -> r.row().equals(row))
                    .sorted(java.util.Comparator.comparingLong(FlashRegion::offset)).toList();
            int i = 0;
            while (i < inRow.size()) {
                int j = i;
                while (j < inRow.size() && width(inRow.get(j).span(), image.size()) < NARROW) {
                    j++;
                }
                if (j - i > bestCount) {
                    bestCount = j - i;
                    FlashRegion last = inRow.get(j - 1);
                    best = new Zoom(row, inRow.get(i).offset(), last.offset() + last.span());
                }
                i = Math.max(j, i + 1);
            }
        }
        return best;
    }

    public static String svg(FlashImage image) {
        List<String> rows = image.rows();
        long size = image.size();
        Scale full = new Scale(0, size);
        int bandsBottom = TOP + rows.size() * (BAND + BAND_GAP);
        int axisY = bandsBottom - BAND_GAP + 6;
        Zoom zoom = zoom(image);
        int zoomY = axisY + 60;
        int height = zoom == null ? axisY + 30 : zoomY + BAND + 30;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"firmware-layout\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n");
        sb.append("<title>").append(Svg.esc(image.title() + " (" + image.fileName() + ", " + Svg.bytes(size) + ")"))
                .append("</title>\n");
        for (int r = 0; r < rows.size(); r++) {
            band(sb, image, rows.get(r), rows.get(r), full, TOP + r * (BAND + BAND_GAP));
        }
        axis(sb, full, axisY);
        if (zoom != null) {
            // Guide lines from the run's place in its band to the enlarged copy.
            int rowY = TOP + rows.indexOf(zoom.row()) * (BAND + BAND_GAP) + BAND;
            for (long[] ends : new long[][] {{zoom.from(), 0}, {zoom.to(), 1}}) {
                sb.append("<line class=\"zoom-guide\" x1=\"").append(Svg.num(full.x(ends[0]))).append("\" y1=\"")
                        .append(rowY).append("\" x2=\"").append(ends[1] == 0 ? MARGIN : MARGIN + BAR)
                        .append("\" y2=\"").append(zoomY).append("\" stroke=\"#aaa\" stroke-dasharray=\"3,3\"/>\n");
            }
            Scale scale = new Scale(zoom.from(), zoom.to());
            band(sb, image, zoom.row(), zoom.row() + ", " + Svg.hex(zoom.from()) + " to " + Svg.hex(zoom.to())
                    + " enlarged", scale, zoomY);
            sb.append("<text x=\"").append(MARGIN).append("\" y=\"").append(zoomY + BAND + 16).append("\">")
                    .append(Svg.hex(zoom.from())).append("</text><text x=\"").append(MARGIN + BAR).append("\" y=\"")
                    .append(zoomY + BAND + 16).append("\" text-anchor=\"end\">").append(Svg.hex(zoom.to()))
                    .append("</text>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void band(StringBuilder sb, FlashImage image, String row, String label, Scale scale, int y) {
        sb.append("<text x=\"").append(MARGIN).append("\" y=\"").append(y - 6).append("\" font-weight=\"bold\">")
                .append(Svg.esc(label)).append("</text>\n");
        sb.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(y).append("\" width=\"").append(BAR)
                .append("\" height=\"").append(BAND).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        for (FlashRegion region : image.regions()) {
            long end = region.offset() + region.span();
            if (region.row().equals(row) && end > scale.from() && region.offset() < scale.to()) {
                region(sb, image, region, scale, y);
            }
        }
    }

    private static void region(StringBuilder sb, FlashImage image, FlashRegion r, Scale scale, int y) {
        long from = Math.max(r.offset(), scale.from());
        long to = Math.min(r.offset() + r.span(), scale.to());
        double x = scale.x(from);
        double w = scale.width(from, to);
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

    private static void axis(StringBuilder sb, Scale scale, int y) {
        sb.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(y).append("\" x2=\"").append(MARGIN + BAR)
                .append("\" y2=\"").append(y).append("\" stroke=\"#888\"/>\n");
        for (int q = 0; q <= 4; q++) {
            long offset = scale.from() + (scale.to() - scale.from()) * q / 4;
            double x = scale.x(offset);
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
        StringBuilder sb = new StringBuilder("<table class=\"table table-striped bodyTable firmware-layout-table\">\n<thead><tr>"
                + "<th>#</th><th>Band</th><th>Name</th><th>Type</th><th>Offset</th><th>Size</th>"
                + "<th>Detail</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < image.regions().size(); i++) {
            FlashRegion r = image.regions().get(i);
            sb.append("<tr><td><span style=\"display:inline-block;width:10px;height:10px;margin-right:4px;background:")
                    .append(colour(image, r)).append("\"></span>").append(i + 1).append("</td><td>")
                    .append(Svg.esc(r.row())).append("</td><td>").append(Svg.esc(r.name())).append("</td><td>")
                    .append(Svg.esc(r.type())).append("</td><td><code>").append(Svg.hex(r.offset()))
                    .append("</code></td><td>").append(r.size()).append(" (").append(Svg.bytes(r.size())).append(")")
                    .append("</td><td>").append(Svg.esc(r.detail())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return sb.toString();
    }
}
