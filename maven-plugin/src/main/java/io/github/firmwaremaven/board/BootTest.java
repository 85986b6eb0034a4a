package io.github.firmwaremaven.board;

import java.util.ArrayList;
import java.util.List;

/** The {@code <bootTest>} of the plugin configuration. */
public class BootTest {
    /** QEMU's system architecture: x86_64 or aarch64. */
    String arch = "x86_64";
    /** QEMU machine; pc for x86_64, virt for aarch64 by default. */
    String machine;
    /** QEMU CPU; cortex-a57 for aarch64 by default. */
    String cpu;
    /** The guest's memory in MiB (QEMU's -m). */
    int memoryMb = 256;
    /** Kernel command line, before the nonce the goal adds. */
    String append;
    /** What the console must show; {@code @nonce@} stands for this run's nonce. */
    String expect = "FIRMWARE-READY nonce=@nonce@";
    /**
     * Lines the console must show in this order before the expected one, each a pattern ({@code @nonce@}
     * stands for the nonce): the levels of a nested boot, each proving itself.
     */
    List<String> checkpoints = new ArrayList<>();
    /** Patterns of lines that fail the boot at once: the machine's own report of what went wrong. */
    List<String> failOn = new ArrayList<>();
    /** A page the board serves, fetched through a forwarded port on 127.0.0.1. */
    BootTestHttp http;
    /** How long to wait for the expected line before the boot test fails, in seconds. */
    int timeoutSeconds = 180;
    /** Pass the kernel and initramfs to QEMU (-kernel/-initrd); off when the firmware carries them. */
    Boolean directKernel;
    /** More QEMU arguments. */
    List<String> qemuArgs = new ArrayList<>();
}
