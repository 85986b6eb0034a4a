package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** {@code <source>} of a {@code <toolchain>}: which of the board's sources make it, and for which triple. */
public class ToolchainSource {
    /** The triple to build, e.g. x86_64-linux-musl; defaults to &lt;target&gt;-linux-musl. */
    String triple;
    /** Names of the board's sources (fetch-sources); the defaults are these names. */
    String binutils = "binutils";
    String gcc = "gcc";
    String musl = "musl";
    String linux = "linux";
    /** Appended to binutils' configure. */
    List<String> binutilsConfigureArgs = new ArrayList<>();
    /** Appended to gcc's configure, e.g. --with-arch=armv8-a. */
    List<String> configureArgs = new ArrayList<>();
}
