package io.github.firmwaremaven.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainResolverTest {
    @TempDir
    Path tmp;

    private ToolchainResolver resolver() {
        return new ToolchainResolver(new ToolchainResolver.Context(tmp.resolve("firmware"),
                io.github.firmwaremaven.steps.StepMachine.forBuildArea(tmp.resolve("firmware"), BuildTimestamp.of(1_767_225_600L),
                BuildLog.SILENT).sharingThrough(new BuildCache(tmp.resolve("cache")), io.github.firmwaremaven.steps.Manifest.Check.CHEAP),
                tmp.resolve("work"), System.getenv("PATH"), BuildLog.SILENT), null);
    }

    @Test
    void externalToolchainsAreWrittenToTheRegistryEveryGoalReads() throws Exception {
        resolver().resolveAll(List.of(ToolchainSpec.external("host", null, null, null),
                ToolchainSpec.external("aarch64", "aarch64", "aarch64-linux-gnu-", null)));
        ToolchainRegistry registry = ToolchainRegistry.read(tmp.resolve("firmware"));
        assertEquals("x86_64-linux-gnu", registry.get("host").triple());
        assertEquals("aarch64-linux-gnu-", registry.get("aarch64").prefix());
        assertEquals(64, registry.get("aarch64").identity().length());
    }

    @Test
    void namesMustBeUniqueAndSimple() {
        FirmwareException dup = assertThrows(FirmwareException.class, () -> resolver().resolveAll(List.of(
                ToolchainSpec.external("host", null, null, null), ToolchainSpec.external("host", null, null, null))));
        assertTrue(dup.getMessage().contains("Two <toolchain> entries are named 'host'"), dup.getMessage());
        FirmwareException bad = assertThrows(FirmwareException.class, () -> resolver().resolveAll(List.of(
                ToolchainSpec.external("my toolchain", null, null, null))));
        assertTrue(bad.getMessage().contains("needs a <name>"), bad.getMessage());
        assertTrue(Files.notExists(tmp.resolve("firmware/toolchains.properties")));
    }

    @Test
    void aSourceToolchainWithoutSourcesSaysToDeclareThem() {
        ToolchainSpec spec = ToolchainSpec.fromSource("musl", "x86_64", new SourceToolchainBuild.Request("musl",
                "x86_64-linux-musl", "binutils", "gcc", "musl", "linux", List.of(), List.of()));
        FirmwareException e = assertThrows(FirmwareException.class, () -> resolver().resolveAll(List.of(spec)));
        assertTrue(e.getMessage().contains("declare binutils, gcc, musl and linux under <sources>"), e.getMessage());
    }

    @Test
    void anArtifactToolchainIsUnpackedOnceAndValidatedFromItsMetadata() throws Exception {
        Path tc = Files.createDirectories(tmp.resolve("tc/bin"));
        Path gcc = tc.resolve("x86_64-linux-gnu-gcc");
        Files.writeString(gcc, "#!/bin/sh\nexec gcc \"$@\"\n");
        gcc.toFile().setExecutable(true);
        ToolchainArchive.writeMetadata(tmp.resolve("tc"), "x86_64-linux-gnu", "x86_64-linux-gnu-", "x86_64");
        Path archive = tmp.resolve("tc.tar.xz");
        ToolchainArchive.pack(tmp.resolve("tc"), archive, 0);
        ToolchainSpec spec = ToolchainSpec.fromArtifact("shared", null, "org.example:tc:1", archive);
        Toolchain t = resolver().resolveAll(List.of(spec)).get(0);
        assertEquals("x86_64-linux-gnu", t.triple());
        assertTrue(t.binDir().startsWith(tmp.resolve("cache/toolchain-archive")), t.binDir().toString());

        ToolchainSpec wrongTarget = ToolchainSpec.fromArtifact("shared", "aarch64", "org.example:tc:1", archive);
        FirmwareException e = assertThrows(FirmwareException.class, () -> resolver().resolveAll(List.of(wrongTarget)));
        assertTrue(e.getMessage().contains("declares target 'aarch64'"), e.getMessage());
    }

    @Test
    void theClassifierNamesHostAndTarget() {
        assertEquals("toolchain-x86_64-aarch64-linux-musl", ToolchainResolver.classifier("x86_64", "aarch64-linux-musl"));
    }
}
