package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.edk2.Edk2Build;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.steps.ToolIdentity;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds EDK2 firmware (OVMF, ArmVirtQemu). Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-ovmf", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildOvmfMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-ovmf.skip", defaultValue = "false")
    private boolean skip;

    /** The platform to build. */
    @Parameter
    private Edk2 edk2;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return edk2 == null ? "no EDK2 platform declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        Path area = buildArea.toPath();
        SourceRegistry sources = SourceRegistry.read(area);
        Toolchain toolchain = ToolchainRegistry.read(area).get(edk2.toolchain);
        String version = sources.property(edk2.source, "version");
        Edk2Build build = new Edk2Build(new Edk2Build.Spec(sources.tree(edk2.source),
                sources.fingerprint(edk2.source), version, toolchain, edk2.platform, edk2.arch, edk2.buildTarget,
                edk2.toolchainTag, edk2.defines, area.resolve("edk2"), area.resolve("edk2/fv"),
                Runtime.getRuntime().availableProcessors(),
                ToolIdentity.of("gcc", System.getenv("PATH"))));
        build.run(steps());
        for (Output o : build.recordOutputs(outputs())) {
            getLog().info(o.file().getFileName() + ": " + o.file());
        }
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
