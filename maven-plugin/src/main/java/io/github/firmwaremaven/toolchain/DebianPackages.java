package io.github.firmwaremaven.toolchain;

import java.util.Locale;

/**
 * Which Debian package provides a toolchain's tools, so that an error can say what to install.
 * Debian names cross packages after the triple with '_' as '-': gcc-x86-64-linux-gnu.
 */
public final class DebianPackages {
    private DebianPackages() {}

    /** The package providing {@code <prefix>gcc}; for the host's own gcc, gcc (part of build-essential). */
    public static String compiler(String prefix) {
        String triple = triple(prefix);
        if (triple.isEmpty()) {
            return "gcc";
        }
        if (triple.endsWith("-musl")) {
            // Debian ships no musl cross compilers; musl-tools only wraps the host gcc.
            return "(none in Debian: build it with <source> or resolve it with <artifact>)";
        }
        return "gcc-" + debianTriple(triple);
    }

    /** The package providing {@code <prefix>as} and {@code <prefix>ld}. */
    public static String binutils(String prefix) {
        String triple = triple(prefix);
        return triple.isEmpty() ? "binutils" : "binutils-" + debianTriple(triple);
    }

    /** The package with the C library a hosted test program links against. */
    public static String libcDev(String prefix) {
        String triple = triple(prefix);
        if (triple.isEmpty()) {
            return "libc6-dev";
        }
        String arch = triple.substring(0, triple.indexOf('-') < 0 ? triple.length() : triple.indexOf('-'));
        String debArch;
        switch (arch) {
            case "aarch64": debArch = "arm64"; break;
            case "x86_64": debArch = "amd64"; break;
            case "i386": case "i486": case "i586": case "i686": debArch = "i386"; break;
            default: debArch = arch; break;
        }
        return "libc6-dev-" + debArch + "-cross";
    }

    /** "Install it with" advice for a compiler package, or the package's own hint. */
    public static String installAdvice(String pkg) {
        if (pkg.startsWith("(")) {
            return pkg;
        }
        if (pkg.equals("gcc")) {
            return "install it with: sudo apt-get install -y build-essential (Debian package gcc)";
        }
        return "install it with: sudo apt-get install -y " + pkg;
    }

    private static String triple(String prefix) {
        String p = prefix == null ? "" : prefix;
        return p.endsWith("-") ? p.substring(0, p.length() - 1) : p;
    }

    private static String debianTriple(String triple) {
        return triple.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
