package io.github.firmwaremaven.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the firmware report shows for a board: the step durations from {@code steps.json} and the
 * layout of each flash image the build recorded in {@code outputs.properties}, read from the
 * images themselves (coreboot's FMAP, UEFI volume headers) and from cbfstool's printed layout.
 */
public final class FirmwareReport {
    /** Images drawn when present, in this order. */
    static final List<String> PRIMARY = List.of("COREBOOT_ROM", "OVMF", "PFLASH_CODE", "PFLASH_VARS");
    /** Drawn only when none of the above exists: the unpadded images repeat the padded ones' volumes. */
    static final List<String> SECONDARY = List.of("OVMF_CODE", "OVMF_VARS", "QEMU_EFI", "QEMU_VARS");

    private final Path firmwareDir;
    private final List<StepTiming> steps;
    private final List<FlashImage> images;

    private FirmwareReport(Path firmwareDir, List<StepTiming> steps, List<FlashImage> images) {
        this.firmwareDir = firmwareDir;
        this.steps = steps;
        this.images = images;
    }

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

    public Path firmwareDir() {
        return firmwareDir;
    }

    public List<StepTiming> steps() {
        return steps;
    }

    public List<FlashImage> images() {
        return images;
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

    /**
     * KIND -> file from outputs.properties ({@code KIND:classifier=extension|absolute path}). A path
     * recorded under another checkout's target/firmware (the directory was copied or moved) is looked
     * up at the same place under this one.
     */
    static Map<String, Path> outputs(Path firmwareDir) throws IOException {
        Path file = firmwareDir.resolve("outputs.properties");
        Map<String, Path> byKind = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return byKind;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : new TreeMap<>(toMap(p)).keySet()) {
            String value = p.getProperty(key);
            int colon = key.indexOf(':');
            int bar = value.indexOf('|');
            if (colon < 0 || bar < 0) {
                continue;
            }
            Path path = relocate(firmwareDir, Paths.get(value.substring(bar + 1)));
            if (Files.isRegularFile(path)) {
                byKind.putIfAbsent(key.substring(0, colon), path);
            }
        }
        return byKind;
    }

    static Path relocate(Path firmwareDir, Path recorded) {
        Path dir = firmwareDir.toAbsolutePath().normalize();
        if (recorded.startsWith(dir) || Files.isRegularFile(recorded) && !isUnderAnyFirmwareDir(recorded)) {
            return recorded;
        }
        for (int i = recorded.getNameCount() - 2; i >= 1; i--) {
            if (recorded.getName(i).toString().equals("firmware") && recorded.getName(i - 1).toString().equals("target")) {
                Path moved = dir.resolve(recorded.subpath(i + 1, recorded.getNameCount()).toString());
                return Files.isRegularFile(moved) ? moved : recorded;
            }
        }
        return recorded;
    }

    private static boolean isUnderAnyFirmwareDir(Path p) {
        for (int i = 1; i < p.getNameCount(); i++) {
            if (p.getName(i).toString().equals("firmware") && p.getName(i - 1).toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
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
        return Optional.of(uefi(titleOf(kind), file, volumeNames(firmwareDir, file)));
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
    static Map<String, String> volumeNames(Path firmwareDir, Path image) throws IOException {
        Map<String, String> names = new TreeMap<>();
        names.putAll(FirmwareVolumes.readNames(firmwareDir.resolve("edk2/fv").resolve(FirmwareVolumes.NAMES_FILE)));
        names.putAll(FirmwareVolumes.readNames(image.resolveSibling(FirmwareVolumes.NAMES_FILE)));
        Path build = firmwareDir.resolve("edk2/workspace/Build");
        if (names.isEmpty() && Files.isDirectory(build)) {
            try (Stream<Path> s = Files.walk(build, 3)) {
                for (Path fv : (Iterable<Path>) s.filter(p -> p.getFileName().toString().equals("FV")
                        && Files.isDirectory(p))::iterator) {
                    names.putAll(FirmwareVolumes.namesFromExtFiles(fv));
                }
            }
        }
        return names;
    }
}
