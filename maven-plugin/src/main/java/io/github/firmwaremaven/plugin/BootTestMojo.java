package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.qemu.BoardBoot;
import io.github.firmwaremaven.qemu.HttpProbe;
import io.github.firmwaremaven.qemu.QemuRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Boots the board's images in QEMU and waits for the expected console line, which must carry the
 * nonce this run put on the kernel command line. The serial log stays under target/firmware/boot-test.
 */
@Mojo(name = "boot-test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class BootTestMojo extends AbstractFirmwareMojo {
    /** Overrides the expected pattern (a negative control uses a line that never comes). */
    @Parameter(property = "firmware.boot-test.expect")
    @FormerProperty("bootTest.expect")
    private String expect;

    /** Overrides the time limit in seconds. */
    @Parameter(property = "firmware.boot-test.timeoutSeconds")
    @FormerProperty("bootTest.timeoutSeconds")
    private Integer timeoutSeconds;

    /**
     * Overrides bootTest/cpu: a negative control boots the same images on a CPU without the
     * feature they need (qemu64 without svm for a hypervisor board).
     */
    @Parameter(property = "firmware.boot-test.cpu")
    private String cpu;

    /** Overrides bootTest/http/expect (the network check's negative control). */
    @Parameter(property = "firmware.boot-test.httpExpect")
    private String httpExpect;

    /** A fixed nonce instead of a random one (for boards that bake the command line in at build time). */
    @Parameter(property = "firmware.boot-test.nonce")
    @FormerProperty("bootTest.nonce")
    private String nonce;

    /** The properties that skip tests, and so the boot test. */
    static final List<String> TEST_SKIPS = List.of("skipTests", "maven.test.skip");

    /** Also skipped by {@code -DskipTests} and {@code -Dmaven.test.skip}, as a test is. */
    @Override
    protected String skipReason() {
        String why = super.skipReason();
        if (why != null) {
            return why;
        }
        for (String p : TEST_SKIPS) {
            if (isTrue(property(p))) {
                return p + " is set";
            }
        }
        if (isTrue(property("skipBootTest"))) {
            deprecated("skipBootTest", "firmware.boot-test.skip");
            return "skipBootTest is set";
        }
        return null;
    }

    @Override
    protected String nothingConfigured() {
        return bootTest == null ? "no boot test declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        BoardBoot.Plan plan = board().bootPlan(expect, timeoutSeconds, cpu, httpExpect);
        BoardBoot.Prepared boot = BoardBoot.prepare(plan, outputs().outputs(),
                nonce != null ? nonce : BoardBoot.newNonce(), plan.http() == null ? 0 : HttpProbe.freePort());
        getLog().info("Booting: " + String.join(" ", boot.spec().command(buildArea.toPath().resolve(
                "boot-test/serial.log"), null)));
        for (int i = 0; i < boot.watch().checkpointCount(); i++) {
            getLog().info("Checkpoint " + (i + 1) + ": " + plan.checkpoints().get(i));
        }
        if (boot.http() != null) {
            getLog().info("Network check: after '" + boot.http().after() + "', " + boot.http().uri() + " must hold '"
                    + boot.http().body() + "'");
        }
        getLog().info("Waiting up to " + plan.limit().toSeconds() + " s for: " + boot.expected().pattern());
        QemuRunner.Boot result = new QemuRunner(new ProcessRunner(), progress()).bootUntil(boot.spec(), boot.watch(),
                boot.http(), plan.limit(), buildArea.toPath().resolve("boot-test"));
        for (io.github.firmwaremaven.qemu.ConsoleWatch.Passed p : result.checkpoints()) {
            getLog().info(String.format(java.util.Locale.ROOT, "Checkpoint passed at %.1f s: %s", p.at().toMillis()
                    / 1000.0, p.line()));
        }
        if (result.page() != null) {
            getLog().info("Network check passed: " + boot.http().uri() + " holds '" + result.page() + "'");
        }
        getLog().info("Boot test passed in " + result.elapsed().toMillis() + " ms: '" + result.match() + "' (serial log "
                + result.serialLog() + ")");
    }
}
