package io.github.firmwaremaven.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadPflashStepTest {
    @TempDir
    Path tmp;

    @Test
    void padsCodeAndVarsRecordsBothAndIsUpToDateTheSecondTime() throws Exception {
        Path code = Files.write(tmp.resolve("QEMU_EFI.fd"), new byte[2 << 20]);
        Path vars = Files.write(tmp.resolve("QEMU_VARS.fd"), new byte[] {1, 2, 3});
        Path area = tmp.resolve("target/firmware");
        PadPflash.Request r = new PadPflash.Request(code, vars, "aarch64-virt", 0, (byte) 0, area.resolve("pflash"));
        OutputRegistry reg = new OutputRegistry(area);
        StepMachine steps = StepMachine.forBuildArea(area, BuildTimestamp.of(0), new RecordingLog());
        assertEquals(StepResult.Outcome.RAN, PadPflash.run(r, steps, reg).outcome());
        assertEquals(StepResult.Outcome.UP_TO_DATE, PadPflash.run(r, steps, reg).outcome());
        assertEquals(64L << 20, Files.size(area.resolve("pflash/pflash-code.fd")));
        assertEquals(64L << 20, Files.size(area.resolve("pflash/pflash-vars.fd")));
        assertTrue(reg.outputs().stream().anyMatch(o -> o.kind() == ArtifactKind.PFLASH_CODE));
        assertTrue(reg.outputs().stream().anyMatch(o -> o.kind() == ArtifactKind.PFLASH_VARS));
    }

    @Test
    void explicitSizeWinsAndAMissingMachineIsExplained() throws Exception {
        assertEquals(4096, PadPflash.flashSize(new PadPflash.Request(null, null, "aarch64-virt", 4096, (byte) 0, tmp)));
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> PadPflash.flashSize(new PadPflash.Request(null, null, null, 0, (byte) 0, tmp)));
        assertTrue(e.getMessage().contains("aarch64-virt"), e.getMessage());
    }
}
