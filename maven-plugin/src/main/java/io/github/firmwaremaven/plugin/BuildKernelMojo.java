package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.kernel.KernelBuild;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Configures (base + fragments, every requested symbol checked) and builds Linux out of tree. */
@Mojo(name = "build-kernel", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildKernelMojo extends AbstractFirmwareMojo {
    /**
     * Reuse an image built with identical inputs (another board, a clean checkout) from the build cache;
     * false builds it here, and the result still goes to the cache for the others.
     */
    @Parameter(property = "firmware.build-kernel.reuse", defaultValue = "true")
    @FormerProperty("firmware.kernel.reuse")
    private boolean reuse;

    @Override
    protected java.util.List<ArtifactKind> mainKinds() {
        return kernel == null ? java.util.List.of() : java.util.List.of(ArtifactKind.KERNEL_IMAGE);
    }

    @Override
    protected String nothingConfigured() {
        return kernel == null && (kernels == null || kernels.isEmpty()) ? "no kernel declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        if (kernel != null) {
            Path published = board().installPublishedKernel(artifactResolver(), outputs());
            if (published != null) {
                getLog().info("Kernel image: " + published + " (" + kernel.artifact() + ", not built here)");
            } else {
                KernelBuild build = board().kernelBuild(reuse);
                build.run(steps());
                outputs().record(Output.of(ArtifactKind.KERNEL_IMAGE, build.image()));
                outputs().record(Output.of(ArtifactKind.KERNEL_CONFIG, build.finalConfig()));
                getLog().info("Kernel image: " + build.image());
            }
        }
        for (java.util.Map.Entry<String, KernelBuild> role : board().roleKernelBuilds(reuse).entrySet()) {
            KernelBuild build = role.getValue();
            build.run(steps());
            String classifier = ArtifactKind.KERNEL_IMAGE.classifier() + "-" + role.getKey();
            outputs().record(new Output(ArtifactKind.KERNEL_IMAGE, classifier, ArtifactKind.KERNEL_IMAGE.extension(),
                    build.image()));
            outputs().record(new Output(ArtifactKind.KERNEL_CONFIG, ArtifactKind.KERNEL_CONFIG.classifier() + "-"
                    + role.getKey(), ArtifactKind.KERNEL_CONFIG.extension(), build.finalConfig()));
            getLog().info("Kernel image (" + role.getKey() + "): " + build.image());
        }
    }
}
