package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.pflash.PadPflash;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Pads firmware images to the flash size of a QEMU machine. Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "pad-pflash", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PadPflashMojo extends AbstractFirmwareMojo {
    /** The code image, e.g. QEMU_EFI.fd. */
    @Parameter(property = "firmware.pad-pflash.code")
    @FormerProperty("pflash.code")
    private File code;

    /** The variable store, e.g. QEMU_VARS.fd. */
    @Parameter(property = "firmware.pad-pflash.vars")
    @FormerProperty("pflash.vars")
    private File vars;

    /** aarch64-virt (64 MiB), riscv64-virt (32 MiB) or loongarch64-virt (16 MiB). */
    @Parameter(property = "firmware.pad-pflash.machine")
    @FormerProperty("pflash.machine")
    private String machine;

    /** Flash size in bytes; wins over the machine's. */
    @FormerProperty("pflash.size")
    @Parameter(property = "firmware.pad-pflash.size", defaultValue = "0")
    private long size;

    /** Fill byte: 0x00 (default, like dd over /dev/zero) or 0xFF (erased flash). */
    @FormerProperty("pflash.fill")
    @Parameter(property = "firmware.pad-pflash.fill", defaultValue = "0x00")
    private String fill;

    /** Where pflash-code.fd and pflash-vars.fd go. */
    @FormerProperty("pflash.outputDirectory")
    @Parameter(property = "firmware.pad-pflash.outputDirectory", defaultValue = "${project.build.directory}/firmware/pflash")
    private File outputDirectory;

    @Override
    protected String nothingConfigured() {
        return code == null && vars == null ? "no pflash code or vars image configured" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        PadPflash.run(request(), steps(), outputs());
    }

    private PadPflash.Request request() throws FirmwareException {
        String f = fill == null ? "0" : fill.trim().toLowerCase(java.util.Locale.ROOT);
        byte b;
        if (f.equals("0x00") || f.equals("0") || f.equals("00")) {
            b = 0;
        } else if (f.equals("0xff") || f.equals("255") || f.equals("ff")) {
            b = (byte) 0xFF;
        } else {
            throw new FirmwareException("<fill>" + fill + "</fill>: use 0x00 or 0xFF");
        }
        return new PadPflash.Request(code == null ? null : code.toPath(), vars == null ? null : vars.toPath(),
                machine, size, b, outputDirectory.toPath());
    }

    @Override
    protected java.util.List<io.github.firmwaremaven.artifacts.ArtifactKind> mainKinds() {
        return code == null ? java.util.List.of()
                : java.util.List.of(io.github.firmwaremaven.artifacts.ArtifactKind.PFLASH_CODE);
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
