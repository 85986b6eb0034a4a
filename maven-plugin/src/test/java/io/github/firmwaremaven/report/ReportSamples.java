package io.github.firmwaremaven.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Real outputs of builds of the archetype's presets, kept small (see src/test/resources/report). */
final class ReportSamples {
    private ReportSamples() {}

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = ReportSamples.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /report/" + name);
            }
            return in.readAllBytes();
        }
    }

    static String text(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** coreboot.rom of the qemu-x86-coreboot preset: its real first 512 bytes (the FMAP area), zeros after. */
    static Path corebootRom(Path dir) throws IOException {
        Path rom = dir.resolve("coreboot.rom");
        Files.write(rom, bytes("coreboot-qemu-i440fx-fmap.bin"));
        try (RandomAccessFile f = new RandomAccessFile(rom.toFile(), "rw")) {
            f.setLength(4L << 20);
        }
        return rom;
    }

    /**
     * OVMF.fd of the qemu-x86-uefi preset rebuilt from its real volume headers at their real offsets,
     * the bytes in between erased flash (0xFF): the volumes' contents do not change the layout.
     */
    static Path ovmfFd(Path dir) throws IOException {
        List<String> lines = Arrays.asList(text("ovmf-x64-fv-headers.txt").split("\n"));
        int size = Integer.parseInt(lines.stream().filter(l -> l.startsWith("size ")).findFirst().orElseThrow()
                .substring(5).trim());
        byte[] image = new byte[size];
        Arrays.fill(image, (byte) 0xFF);
        for (String line : lines) {
            if (line.startsWith("0x")) {
                String[] f = line.trim().split(" ");
                byte[] header = HexFormat.of().parseHex(f[1]);
                System.arraycopy(header, 0, image, Integer.decode(f[0]), header.length);
            }
        }
        Path fd = dir.resolve("OVMF.fd");
        Files.write(fd, image);
        return fd;
    }

    /** The FV/*.ext files GenFds wrote in that build. */
    static Path ovmfExtDir(Path dir) throws IOException {
        Path fv = Files.createDirectories(dir.resolve("FV"));
        for (String name : List.of("DXEFV", "FVMAIN_COMPACT", "PEIFV", "SECFV")) {
            Files.write(fv.resolve(name + ".ext"), bytes("ovmf-x64-fv/" + name + ".ext"));
        }
        return fv;
    }

    /** Parses SVG or XHTML text: fails on anything not well-formed, e.g. an unescaped name. */
    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
