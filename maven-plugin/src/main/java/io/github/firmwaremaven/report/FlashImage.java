package io.github.firmwaremaven.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** A flash image and its regions, as read from the build's outputs. */
public record FlashImage(String title, String fileName, long size, List<FlashRegion> regions, List<String> notes) {
    public FlashImage {
        regions = List.copyOf(regions);
        notes = List.copyOf(notes);
    }

    /** The drawing's bands, in the order regions name them. */
    public List<String> rows() {
        LinkedHashSet<String> rows = new LinkedHashSet<>();
        regions.forEach(r -> rows.add(r.row()));
        return new ArrayList<>(rows);
    }
}
