package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.DigestMemo;
import io.github.firmwaremaven.steps.Digests;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The digest that stands for a compiler in every fingerprint: the driver, the compiler proper
 * (cc1), the assembler, the linker and the version line. A rebuilt or upgraded compiler changes
 * it, and with it everything that compiler built.
 */
public final class ToolchainIdentity {
    private ToolchainIdentity() {}

    /**
     * @param memo remembers each binary's digest by its file identity: cc1 is tens of MB, and hashing
     *     it again on every build was a tenth of a second of each no-op {@code mvn package}
     */
    public static String of(Path gcc, Path cc1, Path as, Path ld, String version, DigestMemo memo)
            throws IOException {
        StringBuilder sb = new StringBuilder("firmware-toolchain-identity-1\n");
        sb.append("gcc ").append(memo.sha256(gcc.toRealPath())).append('\n');
        sb.append("cc1 ").append(memo.sha256(cc1.toRealPath())).append('\n');
        sb.append("as ").append(memo.sha256(as.toRealPath())).append('\n');
        sb.append("ld ").append(memo.sha256(ld.toRealPath())).append('\n');
        sb.append("version ").append(version.strip()).append('\n');
        memo.save();
        return Digests.sha256(sb.toString());
    }
}
