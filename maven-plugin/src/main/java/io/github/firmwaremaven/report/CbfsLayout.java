package io.github.firmwaremaven.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code cbfstool ROM print} that build-coreboot records as {@code cbfs-layout.txt}:
 * per FMAP region a header line, a column line, then {@code name offset type size compression}
 * rows. Names and types may contain spaces ("cbfs master header", "simple elf"), so a row is read
 * around its two numbers: the hex offset and the decimal size.
 */
public final class CbfsLayout {
    public record Entry(String region, String name, long offset, String type, long size, String compression) {
        public boolean empty() {
            return name.equals("(empty)") || type.equals("null");
        }
    }

    private static final Pattern REGION = Pattern.compile("^FMAP REGION:\\s*(\\S+)\\s*$");
    private static final Pattern ROW = Pattern.compile("^(.+?)\\s+0x([0-9a-fA-F]+)\\s+(.+?)\\s+(\\d+)(?:\\s+(.*))?$");

    private CbfsLayout() {}

    /** Entries per region name, in the printed order; rows before any region header count as "COREBOOT". */
    public static Map<String, List<Entry>> parse(String text) {
        Map<String, List<Entry>> byRegion = new LinkedHashMap<>();
        String region = "COREBOOT";
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            Matcher r = REGION.matcher(line);
            if (r.matches()) {
                region = r.group(1);
                continue;
            }
            if (line.isBlank() || line.startsWith("Name ")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                byRegion.computeIfAbsent(region, k -> new ArrayList<>()).add(new Entry(region, m.group(1).trim(),
                        Long.parseLong(m.group(2), 16), m.group(3).trim(), Long.parseLong(m.group(4)),
                        m.group(5) == null ? "" : m.group(5).trim()));
            }
        }
        return byRegion;
    }

    /**
     * The entries as regions of the image, placed at {@code regionOffset + entry offset}; each spans
     * up to the next entry (or the region's end), which is what it occupies in flash: header, data
     * and alignment.
     */
    public static List<FlashRegion> regions(List<Entry> entries, long regionOffset, long regionSize) {
        List<FlashRegion> regions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long end = i + 1 < entries.size() ? entries.get(i + 1).offset() : Math.max(regionSize, e.offset() + e.size());
            String detail = "CBFS offset 0x" + Long.toHexString(e.offset())
                    + (e.compression().isEmpty() || e.compression().equals("none") ? "" : ", " + e.compression());
            regions.add(new FlashRegion("CBFS " + e.region(), e.name(), e.type(), regionOffset + e.offset(), e.size(),
                    Math.max(0, end - e.offset()), detail, e.empty()));
        }
        return regions;
    }
}
