package io.github.firmwaremaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.pflash.PflashPadder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareVolumesTest {
    @TempDir
    Path dir;

    @Test
    void namesComeFromEdk2sExtFiles() throws Exception {
        Map<String, String> names = FirmwareVolumes.namesFromExtFiles(ReportSamples.ovmfExtDir(dir));
        assertEquals("FVMAIN_COMPACT", names.get("48db5e17-707c-472d-91cd-1613e7ef51b0"));
        assertEquals("SECFV", names.get("763bed0d-de9f-48f5-81f1-3e90e1b1a015"));
        FirmwareVolumes.writeNamesBeside(names, dir);
        assertEquals(names, FirmwareVolumes.namesBeside(dir.resolve("OVMF.fd")));
        Path padded = Files.createDirectories(dir.resolve("pflash")).resolve("pflash-code.fd");
        FirmwareVolumes.copyNamesBeside(dir.resolve("OVMF.fd"), padded);
        assertEquals(names, FirmwareVolumes.namesBeside(padded), "a padded bank keeps the names");
    }

    @Test
    void ovmfHasTheVariableStoreThenTheCompressedMainVolumeThenSec() throws Exception {
        Map<String, String> names = FirmwareVolumes.namesFromExtFiles(ReportSamples.ovmfExtDir(dir));
        List<FlashRegion> fvs = FirmwareVolumes.scan(ReportSamples.ovmfFd(dir), names);
        assertEquals(List.of(
                new FlashRegion("firmware volumes", "NV variable store", "NV data", 0, 0x20000, 0x20000, "", false),
                new FlashRegion("firmware volumes", "FVMAIN_COMPACT", "FFS2", 0x20000, 0x1ac000, 0x1ac000,
                        "FvNameGuid 48db5e17-707c-472d-91cd-1613e7ef51b0", false),
                new FlashRegion("firmware volumes", "SECFV", "FFS2", 0x1cc000, 0x34000, 0x34000,
                        "FvNameGuid 763bed0d-de9f-48f5-81f1-3e90e1b1a015", false)), fvs);
    }

    @Test
    void withoutNamesVolumesAreCalledByTheirGuid() throws Exception {
        List<FlashRegion> fvs = FirmwareVolumes.scan(ReportSamples.ovmfFd(dir), Map.of());
        assertEquals("FV 48db5e17", fvs.get(1).name());
    }

    @Test
    void aPaddedPflashImageShowsItsPadding() throws Exception {
        Path padded = dir.resolve("pflash-code.fd");
        new PflashPadder(4L << 20, (byte) 0).pad(ReportSamples.ovmfFd(dir), padded);
        List<FlashRegion> regions = FirmwareVolumes.scan(padded, Map.of());
        assertEquals(4, regions.size());
        FlashRegion padding = regions.get(3);
        assertEquals("padding 0x00", padding.name());
        assertEquals(2L << 20, padding.offset());
        assertEquals(2L << 20, padding.size());
        assertTrue(padding.free());
    }

    @Test
    void bytesBeforeTheFirstVolumeAreData() throws Exception {
        // ArmVirtQemu's QEMU_EFI.fd starts with a 4 KiB stub before its main volume.
        byte[] fd = Files.readAllBytes(ReportSamples.ovmfFd(dir));
        byte[] shifted = new byte[fd.length + 0x1000];
        shifted[0] = 0x12;
        System.arraycopy(fd, 0, shifted, 0x1000, fd.length);
        Path file = Files.write(dir.resolve("QEMU_EFI.fd"), shifted);
        List<FlashRegion> regions = FirmwareVolumes.scan(file, Map.of());
        assertEquals("data", regions.get(0).name());
        assertEquals(0x1000, regions.get(0).size());
        assertFalse(regions.get(0).free());
        assertEquals(0x1000, regions.get(1).offset());
    }

    @Test
    void theDrawingOfOvmfIsWellFormedAndToScale() throws Exception {
        Map<String, String> names = FirmwareVolumes.namesFromExtFiles(ReportSamples.ovmfExtDir(dir));
        FlashImage image = FirmwareReport.uefi("OVMF", ReportSamples.ovmfFd(dir), names);
        String svg = FlashLayoutDrawing.svg(image);
        ReportSamples.xml(svg);
        double scale = FlashLayoutDrawing.BAR / (double) (2L << 20);
        assertTrue(svg.contains("<rect x=\"" + Svg.num(20 + 0x1cc000 * scale) + "\" y=\"24\" width=\""
                + Svg.num(0x34000 * scale) + "\""), svg);
        assertTrue(svg.contains(">FVMAIN_COMPACT</text>"), svg);
    }
}
