package io.github.firmwaremaven.board;

import io.github.firmwaremaven.builds.BuildInputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.coreboot.CorebootBuild;
import io.github.firmwaremaven.edk2.Edk2Build;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.kernel.KernelBuild;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's elements to the builds' inputs: the prepared source, the toolchain, where each build works. */
class BoardBuildsTest {
    @TempDir
    Path dir;

    private Path area;

    @BeforeEach
    void registries() throws Exception {
        area = dir.resolve("target/firmware");
        StringBuilder sources = new StringBuilder();
        for (String[] s : new String[][] {{"linux", "6.1.187"}, {"coreboot", "4.15"}, {"edk2", "2022.11"}}) {
            Path tree = Files.createDirectories(dir.resolve("cache/" + s[0]));
            sources.append(s[0]).append(".tree=").append(tree).append('\n').append(s[0]).append(".fingerprint=fp-")
                    .append(s[0]).append('\n').append(s[0]).append(".version=").append(s[1]).append('\n');
        }
        Files.createDirectories(area);
        Files.writeString(area.resolve(SourceRegistry.FILE_NAME), sources.toString());
        ToolchainRegistry.write(area, List.of(
                new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id-target"),
                new Toolchain("coreboot", "i686-linux-gnu", "i686-linux-gnu-", null, null, "id-coreboot", false)));
    }

    private Board board() {
        return Board.at(dir, area);
    }

    @Test
    void theKernelBuildWorksInTheKernelAreaOnTheRegisteredTree() throws Exception {
        Kernel kernel = new Kernel();
        kernel.fragments = List.of(new File("src/kernel.fragment"));
        kernel.makeVariables = List.of("LOCALVERSION=-board");
        KernelBuild build = board().kernel(kernel).kernelBuild(true);
        assertEquals(area.resolve("kernel/image/bzImage"), build.image());
        assertEquals(area.resolve("kernel/image/kernel.config"), build.finalConfig());
        assertEquals(area.resolve("kernel/obj"), build.objDir());
        assertEquals(area.resolve("kernel/image"), new KernelBuild.Spec(BuildInputs.of(
                SourceRegistry.read(area).prepared("linux"), ToolchainRegistry.read(area).get("target"),
                area.resolve("kernel")), null, null, null, null, true).outputDir());
    }

    @Test
    void aKernelRoleWorksInItsOwnAreaWithStepsOfItsOwn() throws Exception {
        Kernel guest = new Kernel();
        guest.name = "guest";
        guest.defconfig = "tinyconfig";
        java.util.Map<String, KernelBuild> roles = board().kernels(List.of(guest)).roleKernelBuilds(true);
        assertEquals(List.of("guest"), List.copyOf(roles.keySet()));
        KernelBuild build = roles.get("guest");
        assertEquals(area.resolve("kernel-guest/image/bzImage"), build.image());
        assertEquals(area.resolve("kernel-guest/obj"), build.objDir());

        Kernel unnamed = new Kernel();
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> board().kernels(List.of(guest, unnamed)).kernelRoles());
        assertEquals("<kernels><kernel> #2 has no <name>: give its role, e.g. <name>guest</name>.", e.getMessage());
        Kernel published = new Kernel();
        published.name = "other";
        published.artifact = "org.example:k:1.0";
        FirmwareException p = assertThrows(FirmwareException.class,
                () -> board().kernels(List.of(published)).kernelRoles());
        assertTrue(p.getMessage().contains("only the board's <kernel> may be a published one"), p.getMessage());
    }

    @Test
    void corebootWorksInItsAreaWithItsToolchainAndTheSourcesVersion() throws Exception {
        Coreboot coreboot = new Coreboot();
        coreboot.config = new File("src/coreboot.config");
        coreboot.payload = "none";
        CorebootBuild build = board().coreboot(coreboot).corebootBuild(new OutputRegistry(area));
        assertEquals(area.resolve("coreboot/image/coreboot.rom"), build.rom());
        assertEquals(area.resolve("coreboot/image/coreboot.config"), build.finalConfig());
        assertEquals(area.resolve("coreboot/build"), build.objDir());
    }

    @Test
    void corebootWithoutItsConfigIsRefusedNamingTheElement() {
        Coreboot coreboot = new Coreboot();
        coreboot.payload = "none";
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> board().coreboot(coreboot).corebootBuild(new OutputRegistry(area)));
        assertTrue(e.getMessage().contains("<coreboot> needs <config>"), e.getMessage());
    }

    @Test
    void edk2GetsThePlatformAndTheTagByTheSourcesRelease() throws Exception {
        Edk2 edk2 = new Edk2();
        edk2.arch = "x64";
        Edk2Build build = board().edk2(edk2).edk2Build();
        assertEquals(area.resolve("edk2/fv/OVMF.fd"), build.output("OVMF.fd"));
        assertEquals(area.resolve("edk2/workspace"), build.workspace());
        assertEquals("X64", build.edkArch());
        assertEquals("GCC5", build.toolchainTag(), "2022.11 is before the GCC tag");
        edk2.toolchainTag = "GCC";
        assertEquals("GCC", board().edk2(edk2).edk2Build().toolchainTag(), "the board's tag wins");
    }

    @Test
    void aSourceThatFetchSourcesDidNotPrepareSaysToRunIt() {
        Kernel kernel = new Kernel();
        kernel.source = "linux-next";
        FirmwareException e = assertThrows(FirmwareException.class, () -> board().kernel(kernel).kernelBuild(true));
        assertTrue(e.getMessage().contains("Source 'linux-next' is not prepared"), e.getMessage());
        assertTrue(e.getMessage().contains("fetch-sources"), e.getMessage());
    }
}
