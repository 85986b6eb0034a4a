package io.github.firmwaremaven.plugin;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the userland packages (busybox, kexec-tools) statically into the initramfs staging tree. */
@Mojo(name = "build-rootfs", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildRootfsMojo extends AbstractFirmwareMojo {
    /**
     * Reuses a package's install tree from the build cache when another board or checkout built it
     * from the same source, configuration and toolchain; false builds them here, and the result still
     * goes to the cache for the others.
     */
    @Parameter(property = "firmware.build-rootfs.reuse", defaultValue = "true")
    @FormerProperty("firmware.rootfs.reuse")
    private boolean reuse;

    /** Where the packages are installed together; pack-initramfs reads it. */
    @Parameter(property = "firmware.stagingDirectory", defaultValue = "${project.build.directory}/firmware/rootfs/staging")
    @FormerProperty("initramfs.staging")
    private File stagingDirectory;

    @Override
    protected String nothingConfigured() {
        return board().hasRootfsPackages() ? null : "no rootfs packages declared";
    }

    @Override
    protected void runGoal() throws Exception {
        board().rootfsBuild(stagingDirectory.toPath(), reuse).run(steps(), board().rootfsPackages());
        getLog().info("Root file system staged in " + stagingDirectory);
    }
}
