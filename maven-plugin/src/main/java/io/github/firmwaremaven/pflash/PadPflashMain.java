package io.github.firmwaremaven.pflash;

import java.nio.file.Paths;

/** Command-line entry for benchmarks: {@code <size-or-machine> <in> <out> [0x00|0xff]}. */
public final class PadPflashMain {
    private PadPflashMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PadPflashMain <bytes|aarch64-virt|riscv64-virt|loongarch64-virt> <in> <out> [0xff]");
            System.exit(2);
        }
        long size = args[0].matches("\\d+") ? Long.parseLong(args[0]) : FlashPreset.of(args[0]).size();
        byte fill = args.length > 3 && args[3].equalsIgnoreCase("0xff") ? (byte) 0xFF : 0;
        new PflashPadder(size, fill).pad(Paths.get(args[1]), Paths.get(args[2]));
    }
}
