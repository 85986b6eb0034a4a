package io.github.firmwaremaven.artifacts;

/**
 * Every output a board can publish, with the Maven type and classifier it is attached under.
 * This enum is the one table of types and classifiers; the site's "Artifacts" page mirrors it.
 *
 * <p>{@link #mainPriority} orders the candidates for the board's main artifact: the primary flash
 * image when there is one, else the kernel (Linux-only boards), else the hash manifest.
 */
public enum ArtifactKind {
    COREBOOT_ROM("rom", "coreboot", 1, "coreboot.rom with its payload"),
    OVMF("fd", "ovmf", 2, "OVMF.fd, code and variables in one image (x86)"),
    PFLASH_CODE("fd", "pflash-code", 3, "code flash padded to the machine's pflash bank size"),
    PFLASH_VARS("fd", "pflash-vars", 0, "variable store padded to the machine's pflash bank size"),
    OVMF_CODE("fd", "ovmf-code", 0, "OVMF_CODE.fd (x86)"),
    OVMF_VARS("fd", "ovmf-vars", 0, "OVMF_VARS.fd (x86)"),
    QEMU_EFI("fd", "qemu-efi", 0, "ArmVirtQemu QEMU_EFI.fd, unpadded (arm64)"),
    QEMU_VARS("fd", "qemu-vars", 0, "ArmVirtQemu QEMU_VARS.fd, unpadded (arm64)"),
    CBFS_LAYOUT("txt", "cbfs-layout", 0, "cbfstool print of the coreboot ROM"),
    KERNEL_IMAGE("bin", "kernel", 4, "Linux image (bzImage on x86, Image on arm64)"),
    KERNEL_CONFIG("config", "kernel-config", 0, "the kernel's final .config"),
    INITRAMFS("cpio", "initramfs", 0, "initramfs, newc cpio (extension names the compression)"),
    INITRAMFS_LIST("txt", "initramfs-list", 0, "the gen_init_cpio list of the initramfs"),
    TOOLCHAIN("tar.xz", "toolchain", 0, "a toolchain archive; classifier toolchain-<host>-<target>"),
    SBOM("json", "cyclonedx", 0, "CycloneDX SBOM of sources, patches and toolchains"),
    LEGAL_INFO("tar.gz", "legal-info", 0, "sources, patches, configs and licenses"),
    HASHES("txt", "hashes", 5, "sha256 of every published artifact");

    private final String extension;
    private final String classifier;
    private final int mainPriority;
    private final String description;

    ArtifactKind(String extension, String classifier, int mainPriority, String description) {
        this.extension = extension;
        this.classifier = classifier;
        this.mainPriority = mainPriority;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String classifier() {
        return classifier;
    }

    /** 0: never the main artifact; otherwise lower wins. */
    public int mainPriority() {
        return mainPriority;
    }

    public String description() {
        return description;
    }
}
