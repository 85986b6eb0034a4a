package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.edk2.Edk2Build;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Builds EDK2 firmware (OVMF, ArmVirtQemu). Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-ovmf", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildOvmfMojo extends AbstractFirmwareMojo {
    @Override
    protected String nothingConfigured() {
        return edk2 == null ? "no EDK2 platform declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        Edk2Build build = board().edk2Build();
        build.run(steps());
        for (Output o : build.recordOutputs(outputs())) {
            getLog().info(o.file().getFileName() + ": " + o.file());
        }
    }

    @Override
    protected java.util.List<io.github.firmwaremaven.artifacts.ArtifactKind> mainKinds() {
        return board().edk2MakesOvmf() ? java.util.List.of(io.github.firmwaremaven.artifacts.ArtifactKind.OVMF)
                : java.util.List.of();
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
