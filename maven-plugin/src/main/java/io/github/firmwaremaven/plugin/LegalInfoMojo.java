package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.rootfs.RootfsBuild;
import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.sbom.LegalInfo;
import io.github.firmwaremaven.sbom.SourceRecord;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Bundles what a license audit needs (like Buildroot's legal-info): source archives, patches, license
 * texts, the board's configs and a manifest, as one reproducible tar.gz; attaches it.
 */
@Mojo(name = "legal-info", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LegalInfoMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "legal-info.skip", defaultValue = "false")
    private boolean skip;

    /** The bundle. */
    @Parameter(property = "legal-info.file", defaultValue = "${project.build.directory}/firmware/legal-info.tar.gz")
    private File file;

    /** Read for its fragments, which go into the bundle. */
    @Parameter
    private Kernel kernel;

    /** Read for its packages' fragments and final .config files. */
    @Parameter
    private Rootfs rootfs;

    /** Further files for {@code configs/} in the bundle. */
    @Parameter
    private List<File> legalConfigs;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() throws IOException {
        return noSourcesPrepared();
    }

    @Override
    protected void runGoal() throws Exception {
        Path area = buildArea.toPath();
        List<String> entries = LegalInfo.run(steps(), SourceRecord.all(SourceRegistry.read(area)), configs(),
                file.toPath());
        outputs().record(Output.of(ArtifactKind.LEGAL_INFO, file.toPath()));
        getLog().info("Legal info (" + entries.size() + " files) written to " + file);
    }

    private Map<String, Path> configs() throws IOException {
        Map<String, Path> c = new TreeMap<>();
        for (Output o : outputs().outputs()) {
            if (o.kind() == ArtifactKind.KERNEL_CONFIG) {
                c.put("kernel/.config", o.file());
            }
        }
        if (kernel != null) {
            for (File f : kernel.fragments) {
                c.put("kernel/" + f.getName(), f.toPath());
            }
        }
        if (rootfs != null) {
            for (RootfsPackageConfig p : rootfs.packages) {
                c.put(p.name + "/.config", RootfsBuild.finalConfig(RootfsBuild.workDirIn(buildArea.toPath()), p.name));
                for (File f : p.fragments) {
                    c.put(p.name + "/" + f.getName(), f.toPath());
                }
            }
        }
        if (legalConfigs != null) {
            for (File f : legalConfigs) {
                c.put(f.getName(), f.toPath());
            }
        }
        return c;
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
