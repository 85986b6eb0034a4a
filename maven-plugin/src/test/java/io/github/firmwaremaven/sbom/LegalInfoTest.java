package io.github.firmwaremaven.sbom;

import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegalInfoTest {
    @TempDir
    Path dir;

    private List<SourceRecord> sources() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("COPYING"), "GPL text");
        Files.writeString(tree.resolve("Makefile"), "all:");
        Files.createDirectories(tree.resolve("LICENSES/preferred"));
        Files.writeString(tree.resolve("LICENSES/preferred/GPL-2.0"), "spdx text");
        Path archive = Files.writeString(dir.resolve("linux-6.1.tar.xz"), "archive bytes");
        Path patch = Files.writeString(dir.resolve("0001-fix.patch"), "diff");
        return List.of(new SourceRecord("linux", "6.1", "archive", List.of("https://m.example/linux-6.1.tar.xz"),
                "sha256:00", "GPL-2.0-only", null, archive, List.of(patch), tree, "fp"));
    }

    @Test
    void bundleHoldsArchivesPatchesLicensesConfigsAndManifestSortedAndOwnedByRoot() throws Exception {
        Path config = Files.writeString(dir.resolve("kernel.config"), "CONFIG_X=y\n");
        Path out = dir.resolve("legal-info.tar.gz");
        LegalInfo.write(sources(), Map.of("kernel/.config", config, "missing/.config", dir.resolve("nope")),
                1_700_000_000L, out);
        List<String> names = new ArrayList<>();
        String manifest = null;
        try (TarArchiveInputStream tar = open(out)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals(1_700_000_000_000L, e.getModTime().getTime());
                if (e.getName().equals("manifest.csv")) {
                    manifest = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(List.of("configs/kernel/.config", "licenses/linux-6.1/COPYING",
                "licenses/linux-6.1/LICENSES/preferred/GPL-2.0", "manifest.csv",
                "sources/linux-6.1/linux-6.1.tar.xz", "sources/linux-6.1/patches/0001-fix.patch"), names);
        assertTrue(manifest.contains("linux,6.1,GPL-2.0-only,COPYING LICENSES/preferred/GPL-2.0,linux-6.1.tar.xz,"
                + "https://m.example/linux-6.1.tar.xz"), manifest);
    }

    @Test
    void sourceArchivesAreStoredAndTextIsCompressed() throws Exception {
        // Both inputs compress to nearly nothing; only the one not named like an archive may be deflated.
        byte[] repetitive = "CONFIG_SOMETHING=y\n".repeat(60_000).getBytes(StandardCharsets.UTF_8);
        Path archive = Files.write(dir.resolve("big-1.0.tar.xz"), repetitive);
        Path config = Files.write(dir.resolve("big.config"), repetitive);
        SourceRecord big = new SourceRecord("big", "1.0", "archive", List.of(), "sha256:00", "MIT", null, archive,
                List.of(), Files.createDirectories(dir.resolve("empty")), "fp");
        Path onlyArchive = dir.resolve("archive.tar.gz");
        LegalInfo.write(List.of(big), Map.of(), 1_700_000_000L, onlyArchive);
        assertTrue(Files.size(onlyArchive) > repetitive.length, "the archive was deflated: " + Files.size(onlyArchive));
        Path both = dir.resolve("both.tar.gz");
        LegalInfo.write(List.of(big), Map.of("big.config", config), 1_700_000_000L, both);
        long added = Files.size(both) - Files.size(onlyArchive);
        assertTrue(added < 50_000, "the config was stored, not compressed: +" + added + " bytes");
    }

    @Test
    void sameInputsGiveSameBytes() throws Exception {
        Path a = dir.resolve("a.tar.gz");
        Path b = dir.resolve("b.tar.gz");
        LegalInfo.write(sources(), Map.of(), 1_700_000_000L, a);
        LegalInfo.write(sources(), Map.of(), 1_700_000_000L, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void unchangedInputsLeaveTheBundleAloneAndAChangedConfigRewritesIt() throws Exception {
        Path config = Files.writeString(dir.resolve("kernel.config"), "CONFIG_X=y\n");
        Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 10_000)); // not racy
        Path out = dir.resolve("legal-info.tar.gz");
        StepMachine steps = StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1_700_000_000L),
                new RecordingLog());
        List<String> first = LegalInfo.run(steps, sources(), Map.of("kernel/.config", config), out);
        Object marker = inode(out);
        List<String> second = LegalInfo.run(steps, sources(), Map.of("kernel/.config", config), out);
        assertEquals(first, second);
        assertEquals(marker, inode(out), "an up-to-date bundle must not be rewritten");

        // Same size, same modification time, other content: the change time gives the edit away.
        FileTime configTime = Files.getLastModifiedTime(config);
        Files.writeString(config, "CONFIG_Y=y\n");
        Files.setLastModifiedTime(config, configTime);
        LegalInfo.run(steps, sources(), Map.of("kernel/.config", config), out);
        assertNotEquals(marker, inode(out));
        assertEquals("CONFIG_Y=y\n", entry(out, "configs/kernel/.config"));

        // Another time stamp changes every entry: rewritten as well.
        marker = inode(out);
        LegalInfo.run(StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1_700_000_001L), new RecordingLog()),
                sources(), Map.of("kernel/.config", config), out);
        assertNotEquals(marker, inode(out));
        assertEquals(1_700_000_001L * 1000, entryTime(out, "configs/kernel/.config"));
    }

    /** A rewrite replaces the file (a new inode); an up-to-date step leaves it alone. */
    private static Object inode(Path file) throws Exception {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    /** The bundle as LegalInfo writes it: a gzip-compressed tar. */
    private static TarArchiveInputStream open(Path bundle) throws IOException {
        return new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(bundle)));
    }

    /** Moves {@code tar} to the entry of this name, so that reading {@code tar} reads it; fails when there is none. */
    private static TarArchiveEntry seek(TarArchiveInputStream tar, String name) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (e.getName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name);
    }

    private static long entryTime(Path bundle, String name) throws Exception {
        try (TarArchiveInputStream tar = open(bundle)) {
            return seek(tar, name).getModTime().getTime();
        }
    }

    private static String entry(Path bundle, String name) throws Exception {
        try (TarArchiveInputStream tar = open(bundle)) {
            seek(tar, name);
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
