package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.coreboot.CorebootBuild;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Builds coreboot with the board's payload. Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-coreboot", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildCorebootMojo extends AbstractFirmwareMojo {
    @Override
    protected String nothingConfigured() {
        return coreboot == null ? "no coreboot declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        CorebootBuild build = board().corebootBuild(outputs());
        build.run(steps());
        outputs().record(Output.of(ArtifactKind.COREBOOT_ROM, build.rom()));
        outputs().record(Output.of(ArtifactKind.CBFS_LAYOUT, build.layout()));
        getLog().info("coreboot ROM: " + build.rom() + " (CBFS layout in " + build.layout() + ")");
    }

    @Override
    protected java.util.List<ArtifactKind> mainKinds() {
        return coreboot == null ? java.util.List.of() : java.util.List.of(ArtifactKind.COREBOOT_ROM);
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
