package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** {@code <source>} of a {@code <toolchain>}: which of the board's sources make it, and for which triple. */
public class ToolchainSource {
    /** The triple to build, e.g. x86_64-linux-musl; defaults to &lt;target&gt;-linux-musl. */
    String triple;
    /** The source (from {@code <sources>}) holding binutils; each of these four defaults to its own name. */
    String binutils = "binutils";
    /** The source holding gcc. */
    String gcc = "gcc";
    /** The source holding musl, the C library the toolchain links against. */
    String musl = "musl";
    /** The source holding Linux, whose headers the C library is built with. */
    String linux = "linux";
    /** Appended to binutils' configure. */
    List<String> binutilsConfigureArgs = new ArrayList<>();
    /** Appended to gcc's configure, e.g. --with-arch=armv8-a. */
    List<String> configureArgs = new ArrayList<>();
}
