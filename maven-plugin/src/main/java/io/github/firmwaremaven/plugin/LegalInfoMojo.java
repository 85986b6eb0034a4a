package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.sbom.LegalInfo;
import io.github.firmwaremaven.sbom.SourceRecord;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Bundles what a license audit needs (like Buildroot's legal-info): source archives, patches, license
 * texts, the board's configs and a manifest, as one reproducible tar.gz; attaches it.
 */
@Mojo(name = "legal-info", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LegalInfoMojo extends AbstractFirmwareMojo {
    /** Where the bundle (a tar.gz) is written before it is attached. */
    @FormerProperty("legal-info.file")
    @Parameter(property = "firmware.legal-info.file", defaultValue = "${project.build.directory}/firmware/legal-info.tar.gz")
    private File file;

    /** Further files for {@code configs/} in the bundle (the kernel's and packages' configs and fragments go in anyway). */
    @Parameter
    @BoardFile
    private List<File> legalConfigs;

    @Override
    protected String nothingConfigured() throws IOException {
        return noSourcesPrepared();
    }

    @Override
    protected void runGoal() throws Exception {
        List<String> entries = LegalInfo.run(steps(), SourceRecord.all(SourceRegistry.read(buildArea.toPath())),
                board().legalConfigs(outputs().outputs(), legalConfigs), file.toPath());
        outputs().record(Output.of(ArtifactKind.LEGAL_INFO, file.toPath()));
        getLog().info("Legal info (" + entries.size() + " files) written to " + file);
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
