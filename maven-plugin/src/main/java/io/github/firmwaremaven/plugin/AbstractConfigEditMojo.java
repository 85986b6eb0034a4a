package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.coreboot.CorebootBuild;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.kconfig.ConfigEdit;
import io.github.firmwaremaven.rootfs.RootfsBuild;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** menuconfig and update-config: which build's configuration, and which fragment receives edits. */
abstract class AbstractConfigEditMojo extends AbstractFirmwareMojo {
    /** kernel, coreboot, or the name of a kconfig rootfs package (busybox). */
    @Parameter(property = "firmware.config", defaultValue = "kernel")
    protected String config;

    /**
     * The fragment that receives the changes; by default the last of the chosen build's fragments
     * (for coreboot: the board's {@code <coreboot><config>}).
     */
    @Parameter(property = "firmware.fragment")
    protected File fragment;

    @Parameter
    protected Kernel kernel;

    @Parameter
    protected Rootfs rootfs;

    @Parameter
    protected Coreboot coreboot;

    protected ConfigEdit.Target target() throws Exception {
        Path area = buildArea.toPath();
        if (config.equals("kernel")) {
            if (kernel == null) {
                throw new FirmwareException("-Dfirmware.config=kernel, but the board declares no <kernel>.");
            }
            return BuildKernelMojo.kernelBuild(kernel, area, false).configTarget(fragment(kernel.fragments));
        }
        if (config.equals("coreboot")) {
            if (coreboot == null) {
                throw new FirmwareException("-Dfirmware.config=coreboot, but the board declares no <coreboot>.");
            }
            CorebootBuild build = BuildCorebootMojo.corebootBuild(coreboot, area, null);
            return build.configTarget(fragment != null ? fragment.toPath() : coreboot.config.toPath());
        }
        if (rootfs != null) {
            for (RootfsPackageConfig p : rootfs.packages) {
                if (config.equals(p.name) && "kconfig".equals(p.kind)) {
                    RootfsPackage pkg = Rootfs.toPackage(p, SourceRegistry.read(area));
                    return RootfsBuild.configTarget(ToolchainRegistry.read(area).get(rootfs.toolchain),
                            RootfsBuild.workDirIn(area), pkg, fragment(p.fragments));
                }
            }
        }
        throw new FirmwareException("-Dfirmware.config=" + config + " names no configurable build: use kernel, coreboot or "
                + "the <name> of a kconfig package under <rootfs><packages>.");
    }

    private Path fragment(List<File> declared) throws FirmwareException {
        if (fragment != null) {
            return fragment.toPath();
        }
        if (declared.isEmpty()) {
            throw new FirmwareException("The " + config + " build has no <fragments> to write changes into: add "
                    + "one (an empty file will do) or name it with -Dfirmware.fragment=FILE.");
        }
        return declared.get(declared.size() - 1).toPath();
    }
}
