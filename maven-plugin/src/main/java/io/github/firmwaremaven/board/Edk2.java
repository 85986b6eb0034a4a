package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** The {@code <edk2>} of the plugin configuration: one platform of one edk2 tree. */
public class Edk2 {
    /** The source (from {@code <sources>}) holding the edk2 tree with its submodules. */
    String source = "edk2";
    /** The toolchain that compiles it: the host's for X64, a cross prefix for AARCH64. */
    String toolchain = "target";
    /** The platform description, relative to the tree. */
    String platform = "OvmfPkg/OvmfPkgX64.dsc";
    /** X64, AARCH64, IA32, ARM, RISCV64. */
    String arch = "X64";
    /** RELEASE, DEBUG or NOOPT. */
    String buildTarget = "RELEASE";
    /** tools_def tag; by default GCC5 before edk2-stable202605 and GCC from then on. */
    String toolchainTag;
    /** -D defines, e.g. FD_SIZE_2MB, SECURE_BOOT_ENABLE=TRUE, SMM_REQUIRE=TRUE, NETWORK_ENABLE=FALSE. */
    List<String> defines = new ArrayList<>();
}
