package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** {@code <crossgcc>} of a {@code <toolchain>}: coreboot's make crossgcc-&lt;arch&gt;, fed from the board's sources. */
public class ToolchainCrossgcc {
    /** The board's source holding the coreboot tree (its util/crossgcc/buildgcc pins the versions). */
    String coreboot = "coreboot";
    /** crossgcc's architecture: i386, x64, arm, aarch64, riscv, ppc64, nds32le. */
    String arch;
    /**
     * The board's sources that are buildgcc's tarballs: a source name that is the package's name in
     * lower case (gmp, mpfr, mpc, binutils, gcc, iasl, nasm), or PACKAGE=source (GCC=coreboot-gcc).
     */
    List<String> tarballs = new ArrayList<>();
}
