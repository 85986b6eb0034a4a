package io.github.firmwaremaven.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRegistryTest {
    @TempDir
    Path dir;

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), name);
    }

    @Test
    void aLaterBuildSeesOnlyWhatItRecordedItselfButEveryOutputStaysReadable() throws Exception {
        OutputRegistry registry = new OutputRegistry(dir);
        assertEquals(1, registry.beginBuild());
        registry.record(Output.of(ArtifactKind.COREBOOT_ROM, file("coreboot.rom")));
        registry.record(Output.of(ArtifactKind.SBOM, file("sbom.json")));
        assertEquals(2, registry.outputsOfThisBuild().size());

        assertEquals(2, registry.beginBuild());
        registry.record(Output.of(ArtifactKind.SBOM, file("sbom.json")));
        List<Output> current = registry.outputsOfThisBuild();
        assertEquals(List.of(ArtifactKind.SBOM), current.stream().map(Output::kind).toList());
        assertEquals(2, registry.outputs().size(), "the report and boot-test still find the earlier ROM");
    }

    @Test
    void entriesOfAnOlderPluginBelongToNoCurrentBuild() throws Exception {
        Path rom = file("coreboot.rom");
        Files.writeString(dir.resolve("outputs.properties"), "COREBOOT_ROM\\:coreboot=rom|" + rom + "\n");
        OutputRegistry registry = new OutputRegistry(dir);
        assertEquals(List.of(rom), registry.outputs().stream().map(Output::file).toList());
        registry.beginBuild();
        assertEquals(List.of(), registry.outputsOfThisBuild());
    }

    @Test
    void aPathWithABarSurvives() throws Exception {
        Path odd = file("a|b.rom");
        OutputRegistry registry = new OutputRegistry(dir);
        registry.beginBuild();
        registry.record(Output.of(ArtifactKind.COREBOOT_ROM, odd));
        assertEquals(List.of(odd), registry.outputsOfThisBuild().stream().map(Output::file).toList());
    }
}
