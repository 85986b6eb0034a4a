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
    /**
     * The board's boot settings; {@code checkpoints} come in order before {@code expect}, a line matching
     * one of {@code failOn} fails at once, {@code http} (or null) is the network check.
     */
    public record Plan(String arch, String machine, String cpu, int memoryMb, String append, String expect,
            Duration limit, Boolean directKernel, List<String> qemuArgs, List<String> checkpoints,
            List<String> failOn, Http http) {
        public Plan {
            checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
            failOn = failOn == null ? List.of() : List.copyOf(failOn);
        }
    }

    /** The network check as the board declares it (see {@link HttpProbe}). */
    public record Http(int port, String path, String expect, String after, String nicModel) {}

    /**
     * A ready-to-run boot: the QEMU spec, how its console is read, the nonce, and the network check
     * (null when the board has none).
     */
    public record Prepared(QemuSpec spec, ConsoleWatch watch, String nonce, HttpProbe http) {
        public Pattern expected() {
            return watch.expected();
        }
    }

    private BoardBoot() {}

    public static String newNonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static Prepared prepare(Plan plan, List<Output> outputs, String nonce) throws FirmwareException {
        return prepare(plan, outputs, nonce, 0);
    }

    /** As {@link #prepare(Plan, List, String)}, the network check forwarded from {@code hostPort}. */
    public static Prepared prepare(Plan plan, List<Output> outputs, String nonce, int hostPort)
            throws FirmwareException {
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
        HttpProbe probe = null;
        if (plan.http() != null) {
            BoardBoot.Http http = plan.http();
            probe = new HttpProbe(hostPort, http.port(), http.path(), http.nicModel(),
                    pattern("<bootTest><http><expect>", http.expect(), nonce),
                    pattern("<bootTest><http><after>", http.after(), nonce));
            b.extraArg("-nic");
            b.extraArg(probe.nicArgument());
            // The board learns the forwarded port from fw_cfg: the gateway must not answer on it from inside.
            b.extraArg("-fw_cfg");
            b.extraArg("name=opt/io.github.firmwaremaven/http-port,string=" + hostPort);
        } else if (plan.qemuArgs().stream().noneMatch(a -> a.equals("-nic") || a.equals("-net")
                || a.equals("-netdev") || a.equals("-nodefaults"))) {
            // QEMU's default NIC reaches whatever the host reaches; a boot test needs no network.
            b.extraArg("-nic");
            b.extraArg("none");
        }
        plan.qemuArgs().forEach(b::extraArg);
        Pattern expected = pattern("<bootTest><expect>", plan.expect(), nonce);
        List<Pattern> checkpoints = new java.util.ArrayList<>();
        for (String c : plan.checkpoints()) {
            checkpoints.add(pattern("<bootTest><checkpoints><checkpoint>", c, nonce));
        }
        List<Pattern> failOn = new java.util.ArrayList<>();
        for (String f : plan.failOn()) {
            failOn.add(pattern("<bootTest><failOn><failOn>", f, nonce));
        }
        return new Prepared(b.build(), new ConsoleWatch(checkpoints, failOn, expected), nonce, probe);
    }

    private static Pattern pattern(String where, String text, String nonce) throws FirmwareException {
        try {
            return Pattern.compile(text.contains("@nonce@") ? text.replace("@nonce@", nonce) : text);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new FirmwareException(where + " '" + text + "' is not a regular expression: "
                    + e.getDescription() + ". Escape the character (\\) or quote the text (\\Q...\\E).");
        }
    }

    private static Optional<Path> find(List<Output> outputs, ArtifactKind kind) {
        // The board's own: a role's (kernel-guest) is never the payload or the booted image.
        return outputs.stream().filter(o -> o.kind() == kind && o.classifier().equals(kind.classifier()))
                .map(Output::file).findFirst();
    }
}
