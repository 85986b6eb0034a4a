package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.board.Board;
import io.github.firmwaremaven.board.ConfigCheck;
import io.github.firmwaremaven.errors.FirmwareException;
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
 * Checks the board before anything is downloaded or built, and names every problem in one message:
 * the plugin's configuration as the pom wrote it (unknown elements at every depth, values outside
 * their choices, files the board names that do not exist, the time stamp), and each tool the
 * configured parts need that the host lacks (QEMU for the boot test included), with the Debian package
 * that provides it.
 *
 * <p>It reads the board from the pom itself rather than through Maven's injection, which would fail
 * on a mistyped element with a message naming neither the pom's line nor the valid elements.
 */
@Mojo(name = "check-host", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckHostMojo extends AbstractGoalMojo {
    /**
     * Parts of the board to check for, in addition to those found in the plugin's configuration:
     * sources, toolchain-source, rootfs, kernel, coreboot, ovmf, qemu-x86_64, qemu-aarch64.
     */
    @Parameter
    List<String> hostComponents = new ArrayList<>();

    /** More commands the board runs, each as {@code command} or {@code command:debian-package}. */
    @Parameter
    List<String> hostTools = new ArrayList<>();

    private List<ConfigCheck.Problem> problems;
    private Board board;

    @Override
    protected String nothingConfigured() throws Exception {
        problems = PomConfiguration.problems(mojoExecution.getMojoDescriptor().getPluginDescriptor(), session,
                project, outputTimestamp);
        String key = mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
        board = Board.fromConfiguration(project.getBasedir().toPath(), buildArea.toPath(),
                PomConfiguration.forExecution(project, key, mojoExecution.getExecutionId())).hostPath(hostPath);
        if (components().isEmpty() && hostTools.isEmpty() && board.toolchainCompilers().isEmpty()) {
            String report = ConfigCheck.report(problems, null);
            if (report != null) {
                throw new FirmwareException(report);
            }
            return "the board configures no part that needs host tools (its configuration is valid)";
        }
        return null;
    }

    @Override
    protected void runGoal() throws Exception {
        List<HostRequirement> extra = new ArrayList<>();
        for (String t : hostTools) {
            int colon = t.indexOf(':');
            extra.add(colon > 0 ? HostRequirement.command(t.substring(0, colon), t.substring(colon + 1))
                    : HostRequirement.command(t, "(unknown; search with apt-file search bin/" + t + ")"));
        }
        extra.addAll(board.toolchainCompilers());
        List<HostRequirement> wanted = HostCheck.requirements(components(), extra, System.getProperty("os.name"));
        String report = ConfigCheck.report(problems, HostCheck.report(HostCheck.missing(wanted, board.path())));
        if (report != null) {
            throw new FirmwareException(report);
        }
        getLog().info("The board's configuration is valid; the host has all " + wanted.size()
                + " tools the board needs");
    }

    /** The parts of the board its configuration declares, plus hostComponents; QEMU only when booted. */
    private Set<String> components() {
        Set<String> result = new LinkedHashSet<>(hostComponents);
        // An unknown <hostComponent> is among the configuration's problems, reported with the others.
        result.retainAll(HostCheck.COMPONENTS.keySet());
        result.addAll(board.hostComponents());
        // boot-test's own skips: a build that will not boot needs no QEMU.
        if (BootTestMojo.TEST_SKIPS.stream().anyMatch(p -> isTrue(property(p)))
                || isTrue(property("firmware.boot-test.skip")) || isTrue(property("skipBootTest"))) {
            result.removeIf(c -> c.startsWith("qemu-") && !hostComponents.contains(c));
        }
        return result;
    }
}
