package io.github.firmwaremaven.initramfs;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Command-line entry to the packer, for benchmarks and for tests that pack in a separate JVM (another
 * umask, another time zone): {@code --out F [--list L] [--tree D]... [--compression gzip] [--timestamp S]}.
 */
public final class PackInitramfsMain {
    private PackInitramfsMain() {}

    public static void main(String[] args) throws Exception {
        InitramfsPacker.Builder b = InitramfsPacker.builder();
        Path out = null;
        Path listOut = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out": out = Paths.get(v); i++; break;
                case "--list-out": listOut = Paths.get(v); i++; break;
                case "--list": b.list(Paths.get(v)); i++; break;
                case "--tree": b.tree(Paths.get(v)); i++; break;
                case "--compression": b.compression(Compression.parse(v)); i++; break;
                case "--timestamp": b.timestamp(Long.parseLong(v)); i++; break;
                default:
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
            }
        }
        if (out == null) {
            System.err.println("--out is required");
            System.exit(2);
        }
        b.env(System.getenv());
        InitramfsPacker.Result r = b.build().pack(out, listOut);
        System.out.println(r.entries() + " entries, " + r.cpioBytes() + " bytes of cpio -> " + r.archive());
    }
}
