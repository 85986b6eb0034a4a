package io.github.firmwaremaven.edk2;

/**
 * Which platform of an edk2 tree is built, and how: edk2's {@code build -p -a -b -t}.
 *
 * @param dsc the platform description, relative to the tree (OvmfPkg/OvmfPkgX64.dsc)
 * @param arch X64, AARCH64, IA32, ARM, RISCV64 (any case)
 * @param buildTarget RELEASE, DEBUG or NOOPT
 * @param toolchainTag the tools_def tag, or null to choose it by the release (see {@link Edk2Build#toolchainTag()})
 */
public record Edk2Platform(String dsc, String arch, String buildTarget, String toolchainTag) {
    /** The architectures edk2's build -a takes. */
    public static final java.util.List<String> ARCHITECTURES = java.util.List.of("X64", "AARCH64", "IA32", "ARM",
            "RISCV64");
    /** The build targets edk2's build -b takes. */
    public static final java.util.List<String> BUILD_TARGETS = java.util.List.of("RELEASE", "DEBUG", "NOOPT");

    /** A RELEASE build with the tag chosen by the release. */
    public static Edk2Platform of(String dsc, String arch) {
        return new Edk2Platform(dsc, arch, "RELEASE", null);
    }

    public Edk2Platform withBuildTarget(String target) {
        return new Edk2Platform(dsc, arch, target, toolchainTag);
    }

    public Edk2Platform withToolchainTag(String tag) {
        return new Edk2Platform(dsc, arch, buildTarget, tag);
    }
}
