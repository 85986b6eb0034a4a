package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.Fingerprint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved compiler set, the one description every goal receives so that none re-derives it.
 *
 * @param name the board's name for it (e.g. {@code target}, {@code aarch64}, {@code i686})
 * @param triple what {@code gcc -dumpmachine} prints, e.g. {@code aarch64-linux-gnu}
 * @param prefix the tool prefix as make's CROSS_COMPILE takes it ({@code aarch64-linux-gnu-}; empty
 *     for the host's own compiler)
 * @param binDir a directory to put first on PATH (source-built or artifact toolchains), or null
 * @param sysroot the sysroot, or null when the compiler has its own default
 * @param identity a digest of the compiler's binaries and version: enters every fingerprint
 * @param cLibrary whether programs link against a C library (a userland can be built); a bare
 *     cross compiler without one still builds kernels and firmware
 */
public record Toolchain(String name, String triple, String prefix, Path binDir, Path sysroot, String identity,
        boolean cLibrary) {
    public Toolchain(String name, String triple, String prefix, Path binDir, Path sysroot, String identity) {
        this(name, triple, prefix, binDir, sysroot, identity, true);
    }

    /** The GNU architecture of the triple: x86_64, i686, aarch64, riscv64... */
    public String gnuArch() {
        int dash = triple.indexOf('-');
        return dash < 0 ? triple : triple.substring(0, dash);
    }

    /** Linux's ARCH for this toolchain's target. */
    public String linuxArch() {
        String a = gnuArch();
        if (a.equals("aarch64")) {
            return "arm64";
        }
        if (a.matches("i[3-6]86")) {
            return "x86";
        }
        if (a.startsWith("riscv")) {
            return "riscv";
        }
        return a;
    }

    /** The full name of a tool of this toolchain, e.g. {@code tool("gcc")}. */
    public String tool(String tool) {
        return prefix + tool;
    }

    /**
     * Adds this toolchain to a step's fingerprint: a different compiler (rebuilt, upgraded, another
     * prefix) re-runs the step.
     */
    public Fingerprint.Builder describe(Fingerprint.Builder fingerprint) {
        return fingerprint.digest("toolchain:" + name, identity).param("toolchain:" + name + ":prefix", prefix);
    }

    /** Environment changes for processes that use it: binDir first on PATH. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>();
        if (binDir != null) {
            String path = base.getOrDefault("PATH", "/usr/bin:/bin");
            env.put("PATH", binDir + ":" + path);
        }
        return env;
    }
}
