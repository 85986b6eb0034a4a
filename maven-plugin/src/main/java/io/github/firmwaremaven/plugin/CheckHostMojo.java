package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.host.HostCheck;
import io.github.firmwaremaven.host.HostRequirement;
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
    /**
     * Parts of the board to check for, in addition to those found in the plugin's configuration:
     * sources, toolchain-source, rootfs, kernel, coreboot, ovmf, qemu-x86_64, qemu-aarch64.
     */
    @Parameter
    List<String> hostComponents = new ArrayList<>();

    /** More commands the board runs, each as {@code command} or {@code command:debian-package}. */
    @Parameter
    List<String> hostTools = new ArrayList<>();

    @Override
    protected String nothingConfigured() {
        return components().isEmpty() && hostTools.isEmpty() && board().toolchainCompilers().isEmpty()
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
        extra.addAll(board().toolchainCompilers());
        List<HostRequirement> checked = HostCheck.check(components(), extra, board().path(),
                System.getProperty("os.name"));
        getLog().info("Host has all " + checked.size() + " tools the board needs");
    }

    /** The parts of the board its configuration declares, plus hostComponents. */
    private Set<String> components() {
        Set<String> result = new LinkedHashSet<>(hostComponents);
        result.addAll(board().hostComponents());
        return result;
    }
}
