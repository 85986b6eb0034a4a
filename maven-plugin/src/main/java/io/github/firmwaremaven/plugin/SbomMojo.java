package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.sbom.SbomWriter;
import io.github.firmwaremaven.sbom.SourceRecord;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Writes a CycloneDX SBOM of the board's sources, patches and toolchains, and attaches it. */
@Mojo(name = "sbom", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class SbomMojo extends AbstractFirmwareMojo {
    /** The SBOM file. */
    @FormerProperty("sbom.file")
    @Parameter(property = "firmware.sbom.file", defaultValue = "${project.build.directory}/firmware/sbom.cyclonedx.json")
    private File file;

    @Override
    protected String nothingConfigured() throws IOException {
        return noSourcesPrepared();
    }

    @Override
    protected void runGoal() throws Exception {
        Path area = buildArea.toPath();
        SbomWriter.run(steps(), new SbomWriter.Subject(project.getGroupId(), project.getArtifactId(), project.getVersion()),
                SourceRecord.all(SourceRegistry.read(area)), new ArrayList<>(ToolchainRegistry.read(area).all()),
                timestamp().epochSeconds(), file.toPath());
        outputs().record(Output.of(ArtifactKind.SBOM, file.toPath()));
        getLog().info("SBOM written to " + file);
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
