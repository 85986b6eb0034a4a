package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.rootfs.RootfsBuild;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the userland packages (busybox, kexec-tools) statically into the initramfs staging tree. */
@Mojo(name = "build-rootfs", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildRootfsMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-rootfs.skip", defaultValue = "false")
    private boolean skip;

    /** The packages to build. */
    @Parameter
    private Rootfs rootfs;

    /**
     * Reuses a package's install tree from the build cache when another board or checkout built it
     * from the same source, configuration and toolchain; false builds them here, and the result still
     * goes to the cache for the others.
     */
    @Parameter(property = "firmware.rootfs.reuse", defaultValue = "true")
    private boolean reuse;

    /** Where the packages are installed together; pack-initramfs reads it. */
    @Parameter(property = "initramfs.staging", defaultValue = "${project.build.directory}/firmware/rootfs/staging")
    private File stagingDirectory;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return rootfs == null || rootfs.packages.isEmpty() ? "no rootfs packages declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        Path area = buildArea.toPath();
        SourceRegistry sources = SourceRegistry.read(area);
        List<RootfsPackage> packages = rootfs.packages(sources);
        RootfsBuild build = new RootfsBuild(ToolchainRegistry.read(area).get(rootfs.toolchain), RootfsBuild.workDirIn(area),
                stagingDirectory.toPath(), Runtime.getRuntime().availableProcessors(), reuse);
        build.run(steps(), packages);
        getLog().info("Root file system staged in " + stagingDirectory);
    }
}
