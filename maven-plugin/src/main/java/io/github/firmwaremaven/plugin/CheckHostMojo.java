package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.host.HostCheck;
import io.github.firmwaremaven.host.HostRequirement;
import io.github.firmwaremaven.toolchain.DebianPackages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

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
    private List<String> hostComponents = new ArrayList<>();

    /** More commands the board runs, each as {@code command} or {@code command:debian-package}. */
    @Parameter
    private List<String> hostTools = new ArrayList<>();

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
    private List<HostRequirement> toolchainCompilers() {
        List<HostRequirement> result = new ArrayList<>();
        Xpp3Dom config = pluginConfiguration();
        Xpp3Dom list = config == null ? null : config.getChild("toolchains");
        if (list == null) {
            return result;
        }
        for (Xpp3Dom t : list.getChildren()) {
            if (t.getChild("source") != null || t.getChild("artifact") != null || t.getChild("directory") != null) {
                continue;
            }
            Xpp3Dom prefix = t.getChild("prefix");
            String p = prefix == null || prefix.getValue() == null ? "" : prefix.getValue().trim();
            result.add(HostRequirement.command(p + "gcc", DebianPackages.compiler(p)));
        }
        return result;
    }

    private Xpp3Dom pluginConfiguration() {
        Plugin plugin = project.getPlugin(mojoExecution.getGroupId() + ":" + mojoExecution.getArtifactId());
        return plugin != null && plugin.getConfiguration() instanceof Xpp3Dom ? (Xpp3Dom) plugin.getConfiguration()
                : null;
    }

    /** The parts of the board named in the plugin's configuration, plus hostComponents. */
    private Set<String> components() {
        Set<String> result = new LinkedHashSet<>(hostComponents);
        Plugin plugin = project.getPlugin(mojoExecution.getGroupId() + ":" + mojoExecution.getArtifactId());
        if (plugin != null && plugin.getConfiguration() instanceof Xpp3Dom) {
            Xpp3Dom config = (Xpp3Dom) plugin.getConfiguration();
            for (Xpp3Dom child : config.getChildren()) {
                switch (child.getName()) {
                    case "sources": result.add("sources"); break;
                    case "kernel": result.add("kernel"); break;
                    case "rootfs": result.add("rootfs"); break;
                    case "coreboot": result.add("coreboot"); break;
                    case "ovmf": result.add("ovmf"); break;
                    case "toolchains":
                        for (Xpp3Dom t : child.getChildren()) {
                            if (t.getChild("source") != null) {
                                result.add("toolchain-source");
                            }
                        }
                        break;
                    default: break;
                }
            }
        }
        return result;
    }
}
