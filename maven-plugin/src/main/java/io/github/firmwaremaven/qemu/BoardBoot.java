package io.github.firmwaremaven.qemu;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Boots what a board built: its firmware (a coreboot ROM as -bios, or pflash CODE + VARS), its
 * kernel and initramfs, and a nonce on the kernel command line that the board's /init must print
 * back, so a stale log or a boot by QEMU's own firmware cannot pass for this one.
 */
public final class BoardBoot {
    /** The board's boot settings. */
    public record Plan(String arch, String machine, String cpu, int memoryMb, String append, String expect,
            Duration limit, Boolean directKernel, List<String> qemuArgs) {}

    /** A ready-to-run boot: the QEMU spec, the pattern to wait for and the nonce in it. */
    public record Prepared(QemuSpec spec, Pattern expected, String nonce) {}

    private BoardBoot() {}

    public static String newNonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static Prepared prepare(Plan plan, List<Output> outputs, String nonce) throws FirmwareException {
        String arch = plan.arch();
        QemuSpec.Builder b = QemuSpec.builder(arch)
                .machine(plan.machine() != null ? plan.machine() : arch.equals("aarch64") ? "virt" : "pc")
                .memoryMb(plan.memoryMb());
        String cpu = plan.cpu() != null ? plan.cpu() : arch.equals("aarch64") ? "cortex-a57" : null;
        if (cpu != null) {
            b.cpu(cpu);
        }
        Optional<Path> coreboot = find(outputs, ArtifactKind.COREBOOT_ROM);
        Optional<Path> code = find(outputs, ArtifactKind.PFLASH_CODE).or(() -> find(outputs, ArtifactKind.OVMF_CODE));
        Optional<Path> vars = find(outputs, ArtifactKind.PFLASH_VARS).or(() -> find(outputs, ArtifactKind.OVMF_VARS));
        if (coreboot.isPresent()) {
            b.bios(coreboot.get());
        } else if (code.isPresent()) {
            b.pflash(code.get(), vars.orElse(null));
        }
        // With coreboot the kernel, initramfs and command line come from the ROM.
        boolean direct = plan.directKernel() != null ? plan.directKernel() : coreboot.isEmpty();
        if (direct) {
            Path kernel = find(outputs, ArtifactKind.KERNEL_IMAGE).orElseThrow(() -> new FirmwareException(
                    "boot-test needs a kernel image, but the board built none: configure <kernel> (build-kernel), "
                            + "or set <bootTest><directKernel>false</directKernel> when the firmware carries it."));
            b.kernel(kernel);
            find(outputs, ArtifactKind.INITRAMFS).ifPresent(b::initrd);
            String console = arch.equals("aarch64") ? "console=ttyAMA0" : "console=ttyS0";
            String append = plan.append() != null ? plan.append() : console + " panic=-1";
            b.append(append + " firmware.nonce=" + nonce);
        }
        plan.qemuArgs().forEach(b::extraArg);
        Pattern expected = Pattern.compile(plan.expect().contains("@nonce@")
                ? plan.expect().replace("@nonce@", nonce) : plan.expect());
        return new Prepared(b.build(), expected, nonce);
    }

    private static Optional<Path> find(List<Output> outputs, ArtifactKind kind) {
        return outputs.stream().filter(o -> o.kind() == kind).map(Output::file).findFirst();
    }
}
