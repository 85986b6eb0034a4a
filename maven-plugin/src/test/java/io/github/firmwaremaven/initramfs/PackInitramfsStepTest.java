package io.github.firmwaremaven.initramfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackInitramfsStepTest {
    @TempDir
    Path tmp;

    @Test
    void packsOnceRepacksWhenAListedFileChangesAndRecordsTheArchiveWithItsExtension() throws Exception {
        Path src = Files.writeString(tmp.resolve("init"), "v1");
        Path list = tmp.resolve("l.list");
        Files.write(list, List.of("file /init " + src + " 0755 0 0"));
        Path area = tmp.resolve("target/firmware");
        PackInitramfs.Request r = new PackInitramfs.Request(area.resolve("rootfs/staging"),
                List.of(tmp.resolve("src/main/rootfs")), list, Compression.XZ, area.resolve("initramfs"), Map.of());
        assertNull(PackInitramfs.nothingToPack(r));
        RecordingLog log = new RecordingLog();
        BuildTimestamp ts = BuildTimestamp.of(1763769600L);
        OutputRegistry reg = new OutputRegistry(area);

        assertEquals(StepResult.Outcome.RAN, PackInitramfs.run(r, StepMachine.forBuildArea(area, ts, log), ts, reg).outcome());
        assertEquals(StepResult.Outcome.UP_TO_DATE,
                PackInitramfs.run(r, StepMachine.forBuildArea(area, ts, log), ts, reg).outcome());
        Files.writeString(src, "v2");
        assertEquals(StepResult.Outcome.RAN, PackInitramfs.run(r, StepMachine.forBuildArea(area, ts, log), ts, reg).outcome());

        Output o = reg.outputs().stream().filter(x -> x.kind() == ArtifactKind.INITRAMFS).findFirst().orElseThrow();
        assertEquals("cpio.xz", o.extension());
        assertTrue(Files.isRegularFile(area.resolve("initramfs/initramfs.cpio.xz")));
        assertTrue(reg.outputs().stream().anyMatch(x -> x.kind() == ArtifactKind.INITRAMFS_LIST));
        assertTrue(Files.readString(area.resolve("initramfs/initramfs.config")).contains(
                "CONFIG_INITRAMFS_SOURCE=\"" + area.resolve("initramfs/initramfs.cpio.xz").toAbsolutePath() + "\""));
    }

    @Test
    void nothingConfiguredGivesAReason() {
        PackInitramfs.Request r = new PackInitramfs.Request(tmp.resolve("none"), List.of(tmp.resolve("none2")), null,
                Compression.GZIP, tmp.resolve("out"), Map.of());
        assertTrue(PackInitramfs.nothingToPack(r).contains("no staging directory"));
    }
}
