package io.github.firmwaremaven.pflash;

import java.util.Locale;

/** The pflash bank size QEMU expects per machine: images must be exactly this long. */
public enum FlashPreset {
    AARCH64_VIRT("aarch64-virt", 64L << 20),
    RISCV64_VIRT("riscv64-virt", 32L << 20),
    LOONGARCH64_VIRT("loongarch64-virt", 16L << 20);

    private final String id;
    private final long size;

    FlashPreset(String id, long size) {
        this.id = id;
        this.size = size;
    }

    public String id() {
        return id;
    }

    public long size() {
        return size;
    }

    public static FlashPreset of(String machine) {
        String m = machine.trim().toLowerCase(Locale.ROOT);
        for (FlashPreset p : values()) {
            if (p.id.equals(m)) {
                return p;
            }
        }
        StringBuilder known = new StringBuilder();
        for (FlashPreset p : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(p.id);
        }
        throw new IllegalArgumentException("no pflash size known for machine '" + machine + "'; use one of "
                + known + " or set the size explicitly");
    }
}
