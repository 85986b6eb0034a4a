package io.github.firmwaremaven.report;

import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the firmware report shows for a board: the step durations from {@code steps.json} and the
 * layout of each flash image the build recorded in {@code outputs.properties}, read from the
 * images themselves (coreboot's FMAP, UEFI volume headers) and from cbfstool's printed layout.
 */
public record FirmwareReport(Path firmwareDir, List<StepTiming> steps, List<FlashImage> images) {
    /** Images drawn when present, in this order. */
    static final List<String> PRIMARY = List.of("COREBOOT_ROM", "OVMF", "PFLASH_CODE", "PFLASH_VARS");
    /** Drawn only when none of the above exists: the unpadded images repeat the padded ones' volumes. */
    static final List<String> SECONDARY = List.of("OVMF_CODE", "OVMF_VARS", "QEMU_EFI", "QEMU_VARS");

    public static FirmwareReport read(Path firmwareDir) throws IOException {
        List<StepTiming> steps = Files.isRegularFile(firmwareDir.resolve("steps.json")) ? StepTiming.read(firmwareDir)
                : List.of();
        Map<String, Path> outputs = outputs(firmwareDir);
        List<FlashImage> images = new ArrayList<>();
        for (String kind : PRIMARY) {
            image(firmwareDir, kind, outputs).ifPresent(images::add);
        }
        if (images.isEmpty()) {
            for (String kind : SECONDARY) {
                image(firmwareDir, kind, outputs).ifPresent(images::add);
            }
        }
        return new FirmwareReport(firmwareDir, steps, images);
    }

    public boolean isEmpty() {
        return steps.isEmpty() && images.isEmpty();
    }

    /** Sum of the time steps took in the latest build. */
    public long builtMillis() {
        return steps.stream().mapToLong(StepTiming::durationMillis).sum();
    }

    /** Writes the report: the step chart, then each image drawn to scale with its table. */
    public void render(ReportPage page, String title) {
        page.begin(title);
        page.section(1, "Firmware report");
        page.paragraph(isEmpty()
                ? "Nothing in " + firmwareDir + " yet: run mvn verify (or package), then mvn site."
                : "From the last build in " + firmwareDir + ".");
        if (!steps.isEmpty()) {
            page.section(2, "Build steps");
            long upToDate = steps.stream().filter(StepTiming::upToDate).count();
            page.paragraph(steps.size() + " steps, " + upToDate + " up to date; the latest build spent "
                    + String.format(Locale.ROOT, "%.1f", builtMillis() / 1000.0) + " s in steps.");
            page.markup(StepChart.svg(steps));
            page.endSection(2);
        }
        if (!isEmpty() && images.isEmpty()) {
            page.paragraph("No flash image recorded: the board builds Linux only, or coreboot/OVMF have not run yet.");
        }
        for (FlashImage image : images) {
            page.section(2, "Flash layout: " + image.title());
            page.paragraph(image.fileName() + ", " + image.size() + " bytes. " + String.join(" ", image.notes()));
            page.markup(FlashLayoutDrawing.svg(image));
            page.markup(FlashLayoutDrawing.table(image));
            page.endSection(2);
        }
        page.endSection(1);
        page.end();
    }

    /** KIND -> file, as the build recorded them (OutputRegistry finds them in a copied or moved checkout too). */
    static Map<String, Path> outputs(Path firmwareDir) throws IOException {
        Map<String, Path> byKind = new LinkedHashMap<>();
        for (Output o : new OutputRegistry(firmwareDir).outputs()) {
            byKind.putIfAbsent(o.kind().name(), o.file());
        }
        return byKind;
    }

    static Optional<FlashImage> image(Path firmwareDir, String kind, Map<String, Path> outputs) throws IOException {
        Path file = outputs.get(kind);
        if (file == null) {
            return Optional.empty();
        }
        if (kind.equals("COREBOOT_ROM")) {
            Path layout = outputs.getOrDefault("CBFS_LAYOUT", file.resolveSibling("cbfs-layout.txt"));
            return Optional.of(coreboot(file, Files.isRegularFile(layout) ? Files.readString(layout) : null));
        }
        return Optional.of(uefi(titleOf(kind), file, volumeNames(file)));
    }

    static String titleOf(String kind) {
        switch (kind) {
            case "OVMF": return "OVMF (code and variables)";
            case "PFLASH_CODE": return "pflash code bank";
            case "PFLASH_VARS": return "pflash variables bank";
            case "OVMF_CODE": return "OVMF code";
            case "OVMF_VARS": return "OVMF variables";
            case "QEMU_EFI": return "ArmVirtQemu firmware";
            case "QEMU_VARS": return "ArmVirtQemu variables";
            default: return kind;
        }
    }

    /** FMAP areas by nesting level, then each CBFS region's entries placed inside its FMAP area. */
    public static FlashImage coreboot(Path rom, String cbfsLayout) throws IOException {
        byte[] bytes = Files.readAllBytes(rom);
        long size = bytes.length;
        List<FlashRegion> regions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<Fmap> fmap = Fmap.find(bytes);
        if (fmap.isPresent()) {
            Fmap f = fmap.get();
            for (Fmap.Area a : f.areas()) {
                int depth = f.depth(a);
                regions.add(new FlashRegion(depth == 0 ? "FMAP" : "FMAP level " + (depth + 1), a.name(), "FMAP area",
                        a.offset(), a.size(), a.size(), a.flags() == 0 ? "" : "flags " + Svg.hex(a.flags()), false));
            }
            notes.add("FMAP \"" + f.name() + "\": " + f.areas().size() + " areas, mapped at " + Svg.hex(f.base()));
        } else {
            notes.add("No FMAP found in the ROM: CBFS entries are drawn from offset 0.");
        }
        if (cbfsLayout == null) {
            notes.add("No cbfs-layout.txt recorded beside the ROM.");
        } else {
            for (Map.Entry<String, List<CbfsLayout.Entry>> e : CbfsLayout.parse(cbfsLayout).entrySet()) {
                Optional<Fmap.Area> area = fmap.flatMap(f -> f.area(e.getKey()));
                long offset = area.map(Fmap.Area::offset).orElse(0L);
                long regionSize = area.map(Fmap.Area::size).orElse(size);
                regions.addAll(CbfsLayout.regions(e.getValue(), offset, regionSize));
            }
        }
        return new FlashImage("coreboot ROM", rom.getFileName().toString(), size, regions, notes);
    }

    public static FlashImage uefi(String title, Path fd, Map<String, String> names) throws IOException {
        List<FlashRegion> regions = FirmwareVolumes.scan(fd, names);
        List<String> notes = new ArrayList<>();
        if (regions.stream().noneMatch(r -> r.type().startsWith("FFS") || r.type().equals("NV data"))) {
            notes.add("No firmware volume header found.");
        }
        return new FlashImage(title, fd.getFileName().toString(), Files.size(fd), regions, notes);
    }

    /** Names recorded beside the image or in edk2's output, else from the edk2 work area if it is still there. */
    static Map<String, String> volumeNames(Path image) throws IOException {
        return FirmwareVolumes.namesBeside(image);
    }
}
