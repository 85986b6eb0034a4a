package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The board's configuration to the host components check-host checks. */
class CheckHostMojoTest {
    private static ToolchainConfig toolchain(String prefix) {
        ToolchainConfig t = new ToolchainConfig();
        t.prefix = prefix;
        return t;
    }

    @Test
    void everyDeclaredPartIsChecked() {
        CheckHostMojo m = new CheckHostMojo();
        m.sources = List.of(new Source());
        m.kernel = new Kernel();
        m.rootfs = new Rootfs();
        m.coreboot = new Coreboot();
        // The presets declare <edk2>: its tools (nasm, iasl, ...) were once never checked.
        m.edk2 = new Edk2();
        ToolchainConfig fromSource = toolchain(null);
        fromSource.source = new ToolchainSource();
        m.toolchains = List.of(toolchain("aarch64-linux-gnu-"), fromSource);
        assertEquals(Set.of("sources", "kernel", "rootfs", "coreboot", "ovmf", "toolchain-source"), m.components());
        assertEquals(List.of("aarch64-linux-gnu-gcc"), m.toolchainCompilers().stream()
                .map(io.github.firmwaremaven.host.HostRequirement::name).toList(), "only the external toolchain's compiler is looked for on PATH");
    }

    @Test
    void aCrossgccToolchainNeedsTheSourceBuildToolsAndNoCompilerOnPath() {
        CheckHostMojo m = new CheckHostMojo();
        ToolchainConfig crossgcc = toolchain(null);
        crossgcc.crossgcc = new ToolchainCrossgcc();
        m.toolchains = List.of(crossgcc);
        assertEquals(Set.of("toolchain-source"), m.components());
        assertEquals(List.of(), m.toolchainCompilers());
    }
}
