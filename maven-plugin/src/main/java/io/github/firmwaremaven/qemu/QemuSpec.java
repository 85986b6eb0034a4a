package io.github.firmwaremaven.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How to start one headless QEMU: machine, firmware, kernel, initrd, command line. */
public final class QemuSpec {
    private final String arch;
    private final String machine;
    private final String cpu;
    private final int memoryMb;
    private final String accel;
    private final Path bios;
    private final Path pflashCode;
    private final Path pflashVars;
    private final Path kernel;
    private final Path initrd;
    private final String append;
    private final List<String> extraArgs;

    private QemuSpec(Builder b) {
        this.arch = Objects.requireNonNull(b.arch, "arch");
        this.machine = b.machine;
        this.cpu = b.cpu;
        this.memoryMb = b.memoryMb;
        this.accel = b.accel;
        this.bios = b.bios;
        this.pflashCode = b.pflashCode;
        this.pflashVars = b.pflashVars;
        this.kernel = b.kernel;
        this.initrd = b.initrd;
        this.append = b.append;
        this.extraArgs = List.copyOf(b.extraArgs);
        if (bios != null && pflashCode != null) {
            throw new IllegalArgumentException("use either a -bios image or pflash CODE, not both");
        }
    }

    public static Builder builder(String arch) {
        return new Builder(arch);
    }

    public String executable() {
        return "qemu-system-" + arch;
    }

    public Path pflashVars() {
        return pflashVars;
    }

    /**
     * The command line. Serial goes to {@code serialLog}; VARS is used through {@code varsCopy} so the
     * firmware's writes never touch the build's artifact.
     */
    public List<String> command(Path serialLog, Path varsCopy) {
        List<String> c = new ArrayList<>();
        c.add(executable());
        if (machine != null) {
            c.add("-M");
            c.add(machine);
        }
        if (cpu != null) {
            c.add("-cpu");
            c.add(cpu);
        }
        c.add("-m");
        c.add(Integer.toString(memoryMb));
        if (accel != null) {
            c.add("-accel");
            c.add(accel);
        }
        // Headless: no window, no monitor, the serial console into a file; a reboot ends QEMU.
        c.add("-display");
        c.add("none");
        c.add("-monitor");
        c.add("none");
        c.add("-serial");
        c.add("file:" + serialLog.toAbsolutePath());
        c.add("-no-reboot");
        if (bios != null) {
            c.add("-bios");
            c.add(bios.toAbsolutePath().toString());
        }
        if (pflashCode != null) {
            c.add("-drive");
            c.add("if=pflash,format=raw,readonly=on,file=" + pflashCode.toAbsolutePath());
            if (varsCopy != null) {
                c.add("-drive");
                c.add("if=pflash,format=raw,file=" + varsCopy.toAbsolutePath());
            }
        }
        if (kernel != null) {
            c.add("-kernel");
            c.add(kernel.toAbsolutePath().toString());
        }
        if (initrd != null) {
            c.add("-initrd");
            c.add(initrd.toAbsolutePath().toString());
        }
        if (append != null) {
            c.add("-append");
            c.add(append);
        }
        c.addAll(extraArgs);
        return c;
    }

    public static final class Builder {
        private final String arch;
        private String machine;
        private String cpu;
        private int memoryMb = 256;
        private String accel = "tcg";
        private Path bios;
        private Path pflashCode;
        private Path pflashVars;
        private Path kernel;
        private Path initrd;
        private String append;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder(String arch) {
            this.arch = arch;
        }

        public Builder machine(String m) { this.machine = m; return this; }

        public Builder cpu(String c) { this.cpu = c; return this; }

        public Builder memoryMb(int mb) { this.memoryMb = mb; return this; }

        /** Null leaves the choice to QEMU. */
        public Builder accel(String a) { this.accel = a; return this; }

        public Builder bios(Path p) { this.bios = p; return this; }

        public Builder pflash(Path code, Path vars) {
            this.pflashCode = code;
            this.pflashVars = vars;
            return this;
        }

        public Builder kernel(Path p) { this.kernel = p; return this; }

        public Builder initrd(Path p) { this.initrd = p; return this; }

        public Builder append(String a) { this.append = a; return this; }

        public Builder extraArg(String a) { this.extraArgs.add(a); return this; }

        public QemuSpec build() {
            return new QemuSpec(this);
        }
    }
}
