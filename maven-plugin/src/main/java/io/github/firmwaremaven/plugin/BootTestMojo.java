package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.qemu.BoardBoot;
import io.github.firmwaremaven.qemu.QemuRunner;
import java.time.Duration;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Boots the board's images in QEMU and waits for the expected console line, which must carry the
 * nonce this run put on the kernel command line. The serial log stays under target/firmware/boot-test.
 */
@Mojo(name = "boot-test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class BootTestMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "boot-test.skip", defaultValue = "false")
    private boolean skip;

    /** Skips the boot test, as -DskipTests-minded users expect. */
    @Parameter(property = "skipBootTest", defaultValue = "false")
    private boolean skipBootTest;

    /** How to boot the board and what to expect. */
    @Parameter
    private BootTest bootTest;

    /** Overrides the expected pattern (a negative control uses a line that never comes). */
    @Parameter(property = "bootTest.expect")
    private String expect;

    /** Overrides the time limit in seconds. */
    @Parameter(property = "bootTest.timeoutSeconds")
    private Integer timeoutSeconds;

    /** A fixed nonce instead of a random one (for boards that bake the command line in at build time). */
    @Parameter(property = "bootTest.nonce")
    private String nonce;

    @Override
    protected boolean skipGoal() {
        return skip || skipBootTest;
    }

    @Override
    protected String nothingConfigured() {
        return bootTest == null ? "no boot test declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        BoardBoot.Prepared boot = BoardBoot.prepare(plan(), outputs().outputs(),
                nonce != null ? nonce : BoardBoot.newNonce());
        getLog().info("Booting: " + String.join(" ", boot.spec().command(buildArea.toPath().resolve(
                "boot-test/serial.log"), null)));
        getLog().info("Waiting up to " + plan().limit().toSeconds() + " s for: " + boot.expected().pattern());
        QemuRunner.Boot result = new QemuRunner(new ProcessRunner()).bootUntil(boot.spec(), boot.expected(),
                plan().limit(), buildArea.toPath().resolve("boot-test"));
        getLog().info("Boot test passed in " + result.elapsed().toMillis() + " ms: '" + result.match() + "' (serial log "
                + result.serialLog() + ")");
    }

    private BoardBoot.Plan plan() {
        return new BoardBoot.Plan(bootTest.arch, bootTest.machine, bootTest.cpu, bootTest.memoryMb, bootTest.append,
                expect != null ? expect : bootTest.expect,
                Duration.ofSeconds(timeoutSeconds != null ? timeoutSeconds : bootTest.timeoutSeconds),
                bootTest.directKernel, bootTest.qemuArgs);
    }
}
