package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.errors.FirmwareException;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * coreboot crossgcc's architectures, with the target buildgcc configures for each (its -p platform).
 * Apart from {@link CrossgccBuild} so that checking a board's {@code <arch>} does not load the build.
 */
public final class CrossgccArchitectures {
    private static final Map<String, String> TRIPLES = Map.of("i386", "i386-elf", "x64", "x86_64-elf",
            "arm", "arm-eabi", "aarch64", "aarch64-elf", "riscv", "riscv64-elf", "ppc64", "powerpc64-linux-gnu",
            "nds32le", "nds32le-elf");

    private CrossgccArchitectures() {}

    /** crossgcc's architecture names, sorted. */
    public static SortedSet<String> names() {
        return new TreeSet<>(TRIPLES.keySet());
    }

    /** The triple of the compilers crossgcc-&lt;arch&gt; installs, e.g. i386-elf (bin/i386-elf-gcc). */
    public static String triple(String arch) throws FirmwareException {
        String t = TRIPLES.get(arch);
        if (t == null) {
            throw new FirmwareException("<crossgcc><arch>" + arch + "</arch> is not one of coreboot's crossgcc "
                    + "architectures: " + String.join(", ", names()) + " (as in make crossgcc-i386).");
        }
        return t;
    }
}
