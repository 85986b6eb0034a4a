package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.kernel.KernelBuild;
import io.github.firmwaremaven.kernel.PrebuiltKernel;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Configures (base + fragments, every requested symbol checked) and builds Linux out of tree. */
@Mojo(name = "build-kernel", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildKernelMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-kernel.skip", defaultValue = "false")
    private boolean skip;

    /** The kernel to build. */
    @Parameter
    private Kernel kernel;

    /**
     * Reuse an image built with identical inputs (another board, a clean checkout) from the build cache;
     * false builds it here, and the result still goes to the cache for the others.
     */
    @Parameter(property = "firmware.kernel.reuse", defaultValue = "true")
    private boolean reuse;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return kernel == null ? "no kernel declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        if (kernel.artifact != null) {
            String where = "<kernel><artifact>" + kernel.artifact + "</artifact>";
            Path resolved = resolveArtifact(where, kernel.artifact, ArtifactKind.KERNEL_IMAGE.extension(),
                    "org.example:my-board:1.0:kernel", "Deploy the board that builds this kernel (mvn deploy), "
                            + "check the repository and mirror settings, or run once online if building with -o.");
            String arch = ToolchainRegistry.read(buildArea.toPath()).all().stream()
                    .filter(t -> t.name().equals(kernel.toolchain)).map(Toolchain::linuxArch).findFirst().orElse(null);
            Path image = PrebuiltKernel.install(resolved, buildArea.toPath().resolve("kernel/image"), where, arch);
            outputs().record(Output.of(ArtifactKind.KERNEL_IMAGE, image));
            getLog().info("Kernel image: " + image + " (" + kernel.artifact + ", not built here)");
            return;
        }
        KernelBuild build = kernelBuild(kernel, buildArea.toPath(), reuse);
        build.run(steps());
        outputs().record(Output.of(ArtifactKind.KERNEL_IMAGE, build.image()));
        outputs().record(Output.of(ArtifactKind.KERNEL_CONFIG, build.finalConfig()));
        getLog().info("Kernel image: " + build.image());
    }

    /** The board's kernel build; also what config-editing goals work on. */
    static KernelBuild kernelBuild(Kernel kernel, Path area, boolean reuse) throws Exception {
        SourceRegistry sources = SourceRegistry.read(area);
        Toolchain toolchain = ToolchainRegistry.read(area).get(kernel.toolchain);
        String version = sources.property(kernel.source, "version");
        return new KernelBuild(new KernelBuild.Spec(sources.tree(kernel.source),
                sources.fingerprint(kernel.source), "Linux " + (version == null ? "" : version), toolchain,
                kernel.defconfig, kernel.configFile == null ? null : kernel.configFile.toPath(),
                kernel.fragments.stream().map(File::toPath).collect(Collectors.toList()), kernel.imageTarget,
                kernel.makeVariables, area.resolve("kernel"), area.resolve("kernel/image"),
                Runtime.getRuntime().availableProcessors(), reuse));
    }
}
