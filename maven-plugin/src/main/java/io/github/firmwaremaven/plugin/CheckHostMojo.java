package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.host.HostCheck;
import io.github.firmwaremaven.host.HostRequirement;
import io.github.firmwaremaven.toolchain.DebianPackages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that the host has every tool the board needs and names, in one message, each missing one
 * with the Debian package that provides it.
 */
@Mojo(name = "check-host", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckHostMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "check-host.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Parts of the board to check for, in addition to those found in the plugin's configuration:
     * sources, toolchain-source, rootfs, kernel, coreboot, ovmf, qemu-x86_64, qemu-aarch64.
     */
    @Parameter
    List<String> hostComponents = new ArrayList<>();

    /** More commands the board runs, each as {@code command} or {@code command:debian-package}. */
    @Parameter
    List<String> hostTools = new ArrayList<>();

    /** Read for what fetching them needs on the host (fetch-sources owns them). */
    @Parameter
    List<Source> sources;

    /** Read for the compilers of external toolchains and what building one from source needs. */
    @Parameter
    List<ToolchainConfig> toolchains = new ArrayList<>();

    /** Read for what building the userland needs. */
    @Parameter
    Rootfs rootfs;

    /** Read for what building Linux needs. */
    @Parameter
    Kernel kernel;

    /** Read for what building coreboot needs. */
    @Parameter
    Coreboot coreboot;

    /** Read for what building EDK2 (OVMF, ArmVirtQemu) needs. */
    @Parameter
    Edk2 edk2;

    /** Where commands are looked up; defaults to PATH. */
    @Parameter(property = "firmware.hostPath")
    private String hostPath;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return components().isEmpty() && hostTools.isEmpty() && toolchainCompilers().isEmpty()
                ? "the board configures no part that needs host tools" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        List<HostRequirement> extra = new ArrayList<>();
        for (String t : hostTools) {
            int colon = t.indexOf(':');
            extra.add(colon > 0 ? HostRequirement.command(t.substring(0, colon), t.substring(colon + 1))
                    : HostRequirement.command(t, "(unknown; search with apt-file search bin/" + t + ")"));
        }
        extra.addAll(toolchainCompilers());
        String path = hostPath != null ? hostPath : System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<HostRequirement> checked = HostCheck.check(components(), extra, path, System.getProperty("os.name"));
        getLog().info("Host has all " + checked.size() + " tools the board needs");
    }

    /** The compilers of external toolchains found on PATH: {@code <prefix>gcc} and its Debian package. */
    List<HostRequirement> toolchainCompilers() {
        List<HostRequirement> result = new ArrayList<>();
        for (ToolchainConfig t : toolchains) {
            if (t.source != null || t.crossgcc != null || t.artifact != null || t.directory != null) {
                continue;
            }
            String p = t.prefix == null ? "" : t.prefix.trim();
            result.add(HostRequirement.command(p + "gcc", DebianPackages.compiler(p)));
        }
        return result;
    }

    /** The parts of the board its configuration declares, plus hostComponents. */
    Set<String> components() {
        Set<String> result = new LinkedHashSet<>(hostComponents);
        if (sources != null && !sources.isEmpty()) {
            result.add("sources");
        }
        if (toolchains.stream().anyMatch(t -> t.source != null || t.crossgcc != null)) {
            result.add("toolchain-source");
        }
        if (rootfs != null) {
            result.add("rootfs");
        }
        if (kernel != null) {
            result.add("kernel");
        }
        if (coreboot != null) {
            result.add("coreboot");
        }
        if (edk2 != null) {
            result.add("ovmf");
        }
        return result;
    }
}
