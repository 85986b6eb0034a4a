package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.Digests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digest that stands for a compiler in every fingerprint: the driver, the compiler proper
 * (cc1), the assembler, the linker and the version line. A rebuilt or upgraded compiler changes
 * it, and with it everything that compiler built.
 */
public final class ToolchainIdentity {
    private record Key(Path path, long size, long mtime) {}

    // cc1 is tens of MB; hash each binary once per JVM (a multi-module build resolves often).
    private static final Map<Key, String> FILE_DIGESTS = new ConcurrentHashMap<>();

    private ToolchainIdentity() {}

    public static String of(Path gcc, Path cc1, Path as, Path ld, String version) throws IOException {
        StringBuilder sb = new StringBuilder("firmware-toolchain-identity-1\n");
        sb.append("gcc ").append(fileDigest(gcc)).append('\n');
        sb.append("cc1 ").append(fileDigest(cc1)).append('\n');
        sb.append("as ").append(fileDigest(as)).append('\n');
        sb.append("ld ").append(fileDigest(ld)).append('\n');
        sb.append("version ").append(version.strip()).append('\n');
        return Digests.sha256(sb.toString());
    }

    static String fileDigest(Path file) throws IOException {
        Path real = file.toRealPath();
        Key key = new Key(real, java.nio.file.Files.size(real),
                java.nio.file.Files.getLastModifiedTime(real).toMillis());
        String d = FILE_DIGESTS.get(key);
        if (d == null) {
            d = Digests.sha256(real);
            FILE_DIGESTS.put(key, d);
        }
        return d;
    }
}
