package io.github.firmwaremaven.pflash;

import io.github.firmwaremaven.report.FirmwareVolumes;
import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pad-pflash goal as one fingerprinted step: CODE and VARS padded together. */
public final class PadPflash {
    /**
     * @param code    the code image, or null
     * @param vars    the variable store, or null
     * @param machine a {@link FlashPreset} id, or null when {@code size} is given
     * @param size    bytes, or 0 to take the machine's
     */
    public record Request(Path code, Path vars, String machine, long size, byte fill, Path outputDir) {}

    private PadPflash() {}

    public static String nothingToPad(Request r) {
        return r.code() == null && r.vars() == null ? "no pflash code or vars image configured" : null;
    }

    public static long flashSize(Request r) throws FirmwareException {
        if (r.size() > 0) {
            return r.size();
        }
        if (r.machine() == null || r.machine().isBlank()) {
            throw new FirmwareException("pad-pflash needs a machine (aarch64-virt, riscv64-virt, loongarch64-virt) "
                    + "or an explicit size");
        }
        try {
            return FlashPreset.of(r.machine()).size();
        } catch (IllegalArgumentException e) {
            throw new FirmwareException(e.getMessage());
        }
    }

    public static StepResult run(Request r, StepMachine steps, OutputRegistry outputs) throws Exception {
        long size = flashSize(r);
        Map<Path, Path> jobs = new LinkedHashMap<>();
        Path codeOut = r.outputDir().resolve("pflash-code.fd");
        Path varsOut = r.outputDir().resolve("pflash-vars.fd");
        if (r.code() != null) {
            jobs.put(r.code(), codeOut);
        }
        if (r.vars() != null) {
            jobs.put(r.vars(), varsOut);
        }
        Step.Builder step = Step.named("pad-pflash")
                .inputs(fp -> {
                    if (r.code() != null) {
                        fp.file("code", r.code());
                    }
                    if (r.vars() != null) {
                        fp.file("vars", r.vars());
                    }
                    fp.param("size", size);
                    fp.param("fill", r.fill() & 0xFF);
                })
                .action(ctx -> {
                    new PflashPadder(size, r.fill()).pad(jobs);
                    // The report names the volumes of the padded banks as it does the build's images.
                    for (Map.Entry<Path, Path> j : jobs.entrySet()) {
                        FirmwareVolumes.copyNamesBeside(j.getKey(), j.getValue());
                    }
                });
        jobs.values().forEach(step::output);
        StepResult result = steps.run(step.build());
        if (r.code() != null) {
            outputs.record(Output.of(ArtifactKind.PFLASH_CODE, codeOut));
        }
        if (r.vars() != null) {
            outputs.record(Output.of(ArtifactKind.PFLASH_VARS, varsOut));
        }
        return result;
    }
}
