package io.github.firmwaremaven.board;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The {@code <coreboot>} of the plugin configuration. */
public class Coreboot {
    /** The source (from {@code <sources>}) holding the coreboot tree. */
    String source = "coreboot";
    /** The toolchain (from {@code <toolchains>}) coreboot compiles with: i686 for x86 boards. */
    String toolchain = "coreboot";
    /** The board's defconfig-style file; every symbol in it is checked after olddefconfig. */
    File config;
    /** linux (kernel + initramfs from build-kernel/pack-initramfs), elf (payloadFile), or none. */
    String payload = "linux";
    /** An ELF/FIT payload for {@code payload=elf}, or a kernel other than the board's own. */
    File payloadFile;
    /** An initramfs other than the board's own. */
    File initrd;
    /** CONFIG_LINUX_COMMAND_LINE, baked into the ROM. */
    String commandLine;
    /** CONFIG_LOCALVERSION: appears in coreboot's banner after the version. */
    String localVersion;
    /** BUILD_TIMELESS=1: no build date in the ROM, so two builds give the same bytes. */
    boolean timeless = true;
    /** Extra make variables. */
    List<String> makeVariables = new ArrayList<>();
}
