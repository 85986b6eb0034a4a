package io.github.firmwaremaven.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomWriterTest {
    @TempDir
    Path dir;

    /** The SBOM written as a build writes it: a step of the board's step machine, at this time stamp. */
    private Path write(List<SourceRecord> sources, long epoch, Path file) throws Exception {
        return SbomWriter.run(StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(epoch), new RecordingLog()),
                BOARD, sources, toolchains(), epoch, file);
    }

    private static final String SHA = "faeeb244c35a348a334f4a59e44626ee870fb07b6884d68c10ae8bc19f83a694";
    private static final SbomWriter.Subject BOARD = new SbomWriter.Subject("com.example", "board", "1.0");

    private List<SourceRecord> sources() throws Exception {
        Path patch = Files.writeString(dir.resolve("0001-fix.patch"), "--- a\n+++ b\n");
        return List.of(
                new SourceRecord("linux", "6.1.176", "archive", List.of("https://mirror.example/linux.tar.xz"),
                        "sha256:" + SHA.replace('f', 'e'), "GPL-2.0-only", null, null, List.of(patch), null, "fp1"),
                new SourceRecord("busybox", "1.35.0", "archive",
                        List.of("https://a.example/busybox.tar.bz2", "https://b.example/busybox.tar.bz2"),
                        "sha256:" + SHA, "GPLv2 only", null, null, List.of(), null, "fp2"));
    }

    private static List<Toolchain> toolchains() {
        return List.of(new Toolchain("target", "x86_64-linux-gnu", "", null, null, Digests.sha256("gcc 12")));
    }

    @Test
    void sourcesBecomeComponentsWithUrlsDigestsLicensesAndPatches() throws Exception {
        String json = SbomWriter.json(BOARD, sources(), toolchains(), 1_700_000_000L);
        Bom bom = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8));
        var problems = new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), org.cyclonedx.Version.VERSION_15);
        assertTrue(problems.isEmpty(), problems + "\n" + json);
        assertEquals("board", bom.getMetadata().getComponent().getName());
        assertEquals(1_700_000_000_000L, bom.getMetadata().getTimestamp().getTime());
        List<Component> cs = bom.getComponents();
        assertEquals(List.of("busybox", "linux"), cs.stream().map(Component::getName).toList(), "sorted by name");
        Component busybox = cs.get(0);
        assertEquals("1.35.0", busybox.getVersion());
        assertEquals(SHA, busybox.getHashes().get(0).getValue());
        assertEquals(2, busybox.getExternalReferences().size());
        assertEquals("GPLv2 only", busybox.getLicenses().getLicenses().get(0).getName());
        Component linux = cs.get(1);
        assertEquals("GPL-2.0-only", linux.getLicenses().getExpression().getValue());
        assertEquals(1, linux.getPedigree().getPatches().size());
        assertEquals("sources/linux-6.1.176/patches/0001-fix.patch",
                linux.getPedigree().getPatches().get(0).getDiff().getUrl());
        assertEquals("0001-fix.patch sha256:" + Digests.sha256(dir.resolve("0001-fix.patch")),
                linux.getProperties().get(0).getValue());
        Component tool = bom.getMetadata().getToolChoice().getComponents().get(0);
        assertEquals("x86_64-linux-gnu", tool.getName());
        assertEquals(Digests.sha256("gcc 12"), tool.getHashes().get(0).getValue());
    }

    @Test
    void sameInputsGiveSameBytesAndOtherInputsAnotherSerial() throws Exception {
        Path a = write(sources(), 1_700_000_000L, dir.resolve("a.json"));
        Path b = write(List.of(sources().get(1), sources().get(0)), 1_700_000_000L,
                dir.resolve("b.json"));
        assertEquals(Files.readString(a), Files.readString(b));
        String other = SbomWriter.json(BOARD, sources().subList(0, 1), toolchains(), 1_700_000_000L);
        assertNotEquals(serial(Files.readString(a)), serial(other));
    }

    @Test
    void anUnchangedSbomIsNotWrittenAgainButAChangedInputOrAnEditedFileIs() throws Exception {
        Path file = dir.resolve("sbom.json");
        List<SourceRecord> sources = sources();
        write(sources, 1_700_000_000L, file);
        Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        write(sources, 1_700_000_000L, file);
        assertEquals(key, Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "same inputs: the file is left as it is");

        // A patch's content is embedded, so editing it writes the SBOM again.
        String before = Files.readString(file);
        Files.writeString(sources.get(0).patches().get(0), "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n");
        write(sources, 1_700_000_000L, file);
        assertNotEquals(before, Files.readString(file));

        // So does another time stamp, and a file edited by hand is replaced.
        String patched = Files.readString(file);
        write(sources, 1_700_000_001L, file);
        assertNotEquals(patched, Files.readString(file));
        Files.writeString(file, "{}");
        write(sources, 1_700_000_001L, file);
        assertEquals(SbomWriter.json(BOARD, sources, toolchains(), 1_700_000_001L), Files.readString(file));
    }

    @Test
    void readsWhatFetchSourcesRecorded() throws Exception {
        Path archive = Files.writeString(dir.resolve("busybox-1.35.0.tar.bz2"), "x");
        Files.writeString(dir.resolve(SourceRegistry.FILE_NAME), String.join("\n",
                "busybox.kind=archive", "busybox.tree=" + dir, "busybox.fingerprint=abc", "busybox.version=1.35.0",
                "busybox.urls=https\\://a.example/x\\nhttps\\://b.example/x", "busybox.checksum=sha256\\:" + SHA,
                "busybox.license=GPL-2.0-only", "busybox.archive=" + archive,
                "busybox.patches=" + dir.resolve("p1.patch") + "\\n" + dir.resolve("p2.patch"), ""));
        SourceRecord r = SourceRecord.all(SourceRegistry.read(dir)).get(0);
        assertEquals(List.of("https://a.example/x", "https://b.example/x"), r.urls());
        assertEquals(archive, r.archive());
        assertEquals(List.of(dir.resolve("p1.patch"), dir.resolve("p2.patch")), r.patches());
        assertEquals("busybox-1.35.0", r.label());
    }

    private static String serial(String json) throws Exception {
        return new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8)).getSerialNumber();
    }
}
