package io.github.firmwaremaven.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The board's configuration to the host components check-host checks. */
class BoardHostTest {
    private static ToolchainConfig toolchain(String prefix) {
        ToolchainConfig t = new ToolchainConfig();
        t.prefix = prefix;
        return t;
    }

    @Test
    void everyDeclaredPartIsChecked() {
        ToolchainConfig fromSource = toolchain(null);
        fromSource.source = new ToolchainSource();
        // The presets declare <edk2>: its tools (nasm, iasl, ...) were once never checked.
        Board m = Board.at(Path.of("."), Path.of("target/firmware")).sources(List.of(new Source())).kernel(new Kernel())
                .rootfs(new Rootfs()).coreboot(new Coreboot()).edk2(new Edk2())
                .toolchains(List.of(toolchain("aarch64-linux-gnu-"), fromSource));
        assertEquals(Set.of("sources", "kernel", "rootfs", "coreboot", "ovmf", "toolchain-source"), m.hostComponents());
        assertEquals(List.of("aarch64-linux-gnu-gcc"), m.toolchainCompilers().stream()
                .map(io.github.firmwaremaven.host.HostRequirement::name).toList(), "only the external toolchain's compiler is looked for on PATH");
    }

    @Test
    void aCrossgccToolchainNeedsTheSourceBuildToolsAndNoCompilerOnPath() {
        ToolchainConfig crossgcc = toolchain(null);
        crossgcc.crossgcc = new ToolchainCrossgcc();
        Board m = Board.at(Path.of("."), Path.of("target/firmware")).toolchains(List.of(crossgcc));
        assertEquals(Set.of("toolchain-source"), m.hostComponents());
        assertEquals(List.of(), m.toolchainCompilers());
    }

    @Test
    void theBootTestNeedsTheQemuOfItsArchitecture() {
        BootTest aarch64 = new BootTest();
        aarch64.arch = "aarch64";
        assertEquals(Set.of("qemu-x86_64"), Board.at(Path.of("."), Path.of("t")).bootTest(new BootTest())
                .hostComponents());
        assertEquals(Set.of("qemu-aarch64"), Board.at(Path.of("."), Path.of("t")).bootTest(aarch64)
                .hostComponents());
    }

    @Test
    void aPublishedKernelNeedsNoKernelBuildTools() {
        Kernel published = new Kernel();
        published.artifact = "org.example:board:1.0:kernel";
        assertEquals(Set.of(), Board.at(Path.of("."), Path.of("t")).kernel(published).hostComponents());
    }
}
