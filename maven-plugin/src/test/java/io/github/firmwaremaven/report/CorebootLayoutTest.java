package io.github.firmwaremaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CorebootLayoutTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFmapOfARealRom() throws Exception {
        Fmap f = Fmap.find(ReportSamples.bytes("coreboot-qemu-i440fx-fmap.bin")).orElseThrow();
        assertEquals("FLASH", f.name());
        assertEquals(0xFFC00000L, f.base());
        assertEquals(4L << 20, f.size());
        assertEquals(List.of(new Fmap.Area("BIOS", 0, 4L << 20, 0), new Fmap.Area("FMAP", 0, 0x200, 0),
                new Fmap.Area("COREBOOT", 0x200, 4193792, 0)), f.areas());
        assertEquals(0, f.depth(f.areas().get(0)));
        assertEquals(1, f.depth(f.areas().get(1)));
        assertEquals(1, f.depth(f.areas().get(2)));
    }

    @Test
    void theSignatureAloneIsNoFmap() {
        byte[] code = new byte[300];
        System.arraycopy(Fmap.SIGNATURE, 0, code, 100, 8);
        assertTrue(Fmap.find(code).isEmpty());
    }

    @Test
    void readsCbfstoolPrintWithSpacesInNamesAndTypes() throws Exception {
        Map<String, List<CbfsLayout.Entry>> layout = CbfsLayout.parse(ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        List<CbfsLayout.Entry> entries = layout.get("COREBOOT");
        assertEquals(12, entries.size());
        assertEquals(new CbfsLayout.Entry("COREBOOT", "cbfs master header", 0, "cbfs header", 32, "none"),
                entries.get(0));
        assertEquals(new CbfsLayout.Entry("COREBOOT", "fallback/ramstage", 0x41c0, "stage", 53955,
                "LZMA (114688 decompressed)"), entries.get(2));
        assertEquals(new CbfsLayout.Entry("COREBOOT", "fallback/payload", 0x173c0, "simple elf", 3347247, "none"),
                entries.get(9));
        assertTrue(entries.get(10).empty());
        assertEquals("bootblock", entries.get(11).name());
    }

    @Test
    void cbfsEntriesArePlacedInsideTheirFmapArea() throws Exception {
        FlashImage image = FirmwareReport.coreboot(ReportSamples.corebootRom(dir),
                ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        assertEquals(4L << 20, image.size());
        assertEquals(List.of("FMAP", "FMAP level 2", "CBFS COREBOOT"), image.rows());
        FlashRegion payload = region(image, "fallback/payload");
        assertEquals(0x200 + 0x173c0, payload.offset());
        assertEquals(3347247, payload.size());
        assertEquals(0x348740 - 0x173c0, payload.span(), "up to the next entry");
        FlashRegion bootblock = region(image, "bootblock");
        assertEquals(0x200 + 0x3fd400, bootblock.offset());
        assertEquals(4L << 20, bootblock.offset() + bootblock.span(), "the last entry reaches the area's end");
    }

    @Test
    void theDrawingPutsEachEntryAtItsOffsetToScale() throws Exception {
        FlashImage image = FirmwareReport.coreboot(ReportSamples.corebootRom(dir),
                ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        String svg = FlashLayoutDrawing.svg(image);
        Document doc = ReportSamples.xml(svg);
        double scale = FlashLayoutDrawing.BAR / (double) (4L << 20);
        Element payload = group(doc, "fallback/payload");
        Element rect = (Element) payload.getElementsByTagName("rect").item(0);
        assertEquals(FlashLayoutDrawing.MARGIN + (0x200 + 0x173c0) * scale, Double.parseDouble(rect.getAttribute("x")),
                0.006);
        assertEquals((0x348740 - 0x173c0) * scale, Double.parseDouble(rect.getAttribute("width")), 0.006);
        assertTrue(payload.getTextContent().contains("fallback/payload"), "wide enough for its name");
        Element bootblock = (Element) group(doc, "bootblock").getElementsByTagName("rect").item(0);
        assertEquals(FlashLayoutDrawing.MARGIN + FlashLayoutDrawing.BAR,
                Double.parseDouble(bootblock.getAttribute("x")) + Double.parseDouble(bootblock.getAttribute("width")),
                0.01);
        Element header = (Element) group(doc, "cbfs master header").getElementsByTagName("rect").item(0);
        assertEquals("1.00", header.getAttribute("width"), "32 bytes still get a visible box");
        Element bios = (Element) group(doc, "BIOS").getElementsByTagName("rect").item(0);
        assertEquals("20.00", bios.getAttribute("x"));
        assertEquals("920.00", bios.getAttribute("width"));
    }

    @Test
    void theCrowdedStartOfCbfsIsDrawnAgainEnlarged() throws Exception {
        FlashImage image = FirmwareReport.coreboot(ReportSamples.corebootRom(dir),
                ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        // Master header to postcar are each narrower than 16 px at 4 MiB; the payload is not.
        assertEquals(new FlashLayoutDrawing.Zoom("CBFS COREBOOT", 0x200, 0x175c0), FlashLayoutDrawing.zoom(image));
        Document doc = ReportSamples.xml(FlashLayoutDrawing.svg(image));
        List<Element> ramstage = groups(doc, "fallback/ramstage");
        assertEquals(2, ramstage.size(), "in its band and in the enlarged copy");
        Element enlarged = (Element) ramstage.get(1).getElementsByTagName("rect").item(0);
        double scale = FlashLayoutDrawing.BAR / (double) (0x175c0 - 0x200);
        assertEquals(FlashLayoutDrawing.MARGIN + (0x43c0 - 0x200) * scale, Double.parseDouble(enlarged.getAttribute("x")),
                0.006);
        assertEquals((0x11500 - 0x41c0) * scale, Double.parseDouble(enlarged.getAttribute("width")), 0.006);
        assertTrue(ramstage.get(1).getTextContent().contains("fallback/ramstage"), "labelled once enlarged");
        assertEquals(1, groups(doc, "fallback/payload").size(), "starts where the enlarged run ends");
    }

    @Test
    void theTableListsEveryRegionWithOffsetAndSize() throws Exception {
        FlashImage image = FirmwareReport.coreboot(ReportSamples.corebootRom(dir),
                ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        String table = FlashLayoutDrawing.table(image);
        ReportSamples.xml(table);
        assertEquals(3 + 12, table.split("<tr><td>").length - 1);
        assertTrue(table.contains("<td>fallback/payload</td><td>simple elf</td><td><code>0x175c0</code></td>"
                + "<td>3347247 (3.2 MiB)</td><td>CBFS offset 0x173c0</td>"), table);
        assertTrue(table.contains("CBFS offset 0x41c0, LZMA (114688 decompressed)"), table);
    }

    @Test
    void withoutALayoutFileTheFmapIsStillDrawn() throws Exception {
        FlashImage image = FirmwareReport.coreboot(ReportSamples.corebootRom(dir), null);
        assertEquals(List.of("BIOS", "FMAP", "COREBOOT"),
                image.regions().stream().map(FlashRegion::name).collect(Collectors.toList()));
        assertTrue(image.notes().contains("No cbfs-layout.txt recorded beside the ROM."), image.notes().toString());
    }

    private static FlashRegion region(FlashImage image, String name) {
        return image.regions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Element> groups(Document doc, String name) {
        List<Element> found = new java.util.ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("data-name").equals(name)) {
                found.add(g);
            }
        }
        return found;
    }

    private static Element group(Document doc, String name) {
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("data-name").equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no region " + name);
    }
}
