package io.github.firmwaremaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareReportTest {
    @TempDir
    Path dir;

    private Path corebootBoard() throws Exception {
        Path fw = Files.createDirectories(dir.resolve("board/target/firmware"));
        Files.writeString(fw.resolve("steps.json"), ReportSamples.text("steps-qemu-x86_64.json"));
        Path image = Files.createDirectories(fw.resolve("coreboot/image"));
        Path rom = ReportSamples.corebootRom(image);
        Files.writeString(image.resolve("cbfs-layout.txt"), ReportSamples.text("cbfs-layout-qemu-i440fx.txt"));
        Files.writeString(fw.resolve("outputs.properties"), "COREBOOT_ROM\\:coreboot=rom|" + rom + "\n"
                + "CBFS_LAYOUT\\:cbfs-layout=txt|" + image.resolve("cbfs-layout.txt") + "\n");
        return fw;
    }

    @Test
    void readsStepsAndTheImagesTheBuildRecorded() throws Exception {
        FirmwareReport report = FirmwareReport.read(corebootBoard());
        assertEquals(7, report.steps().size());
        assertEquals(1, report.images().size());
        assertEquals("coreboot ROM", report.images().get(0).title());
        assertEquals(15, report.images().get(0).regions().size());
    }

    @Test
    void aCopiedBoardReadsItsOwnImagesNotTheOriginals() throws Exception {
        Path fw = Files.createDirectories(dir.resolve("copy/target/firmware"));
        Path fv = Files.createDirectories(fw.resolve("edk2/fv"));
        ReportSamples.ovmfFd(fv);
        // Recorded by the build in the original checkout, which is gone.
        Files.writeString(fw.resolve("outputs.properties"),
                "OVMF\\:ovmf=fd|/gone/board/target/firmware/edk2/fv/OVMF.fd\n");
        FirmwareVolumes.writeNamesBeside(FirmwareVolumes.namesFromExtFiles(ReportSamples.ovmfExtDir(dir)), fv);
        FirmwareReport report = FirmwareReport.read(fw);
        FlashImage ovmf = report.images().get(0);
        assertEquals("OVMF (code and variables)", ovmf.title());
        assertEquals(List.of("NV variable store", "FVMAIN_COMPACT", "SECFV"),
                ovmf.regions().stream().map(FlashRegion::name).toList());
        assertTrue(report.steps().isEmpty());
    }

    @Test
    void rendersTheStepChartAndEachImageAsAStandalonePage() throws Exception {
        HtmlReportPage page = new HtmlReportPage();
        FirmwareReport.read(corebootBoard()).render(page, "Firmware report: <board> & co");
        String html = page.html();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Firmware report: &lt;board&gt; &amp; co</title>"), "title escaped");
        assertTrue(html.contains("<h2>Build steps</h2>\n<p>7 steps, "), html);
        assertTrue(html.contains("<h2>Flash layout: coreboot ROM</h2>"), html);
        assertTrue(html.contains("class=\"firmware-steps\""), "the step chart");
        assertTrue(html.contains("class=\"firmware-layout\""), "the ROM drawing");
        assertTrue(html.contains("firmware-layout-table"), "the layout table");
        assertEquals(html.split("<section>", -1).length - 1, html.split("</section>", -1).length - 1,
                "sections closed");
        assertTrue(html.endsWith("</html>\n"));
    }

    @Test
    void anEmptyReportSaysWhatToRunFirst() throws Exception {
        HtmlReportPage page = new HtmlReportPage();
        FirmwareReport.read(dir.resolve("target/firmware")).render(page, "Firmware report");
        assertTrue(page.html().contains("yet: run mvn verify (or package), then mvn site."), page.html());
        assertFalse(page.html().contains("<h2>"), page.html());
    }

    @Test
    void nothingBuiltYetIsAnEmptyReport() throws Exception {
        assertTrue(FirmwareReport.read(dir.resolve("target/firmware")).isEmpty());
    }
}
