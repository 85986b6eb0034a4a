package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Boots the board's images in QEMU and checks the serial console. */
@Mojo(name = "boot-test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class BootTestMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "boot-test.skip", defaultValue = "false")
    private boolean skip;

    /** Skips the boot test, as -DskipTests-minded users expect. */
    @Parameter(property = "skipBootTest", defaultValue = "false")
    private boolean skipBootTest;

    @Override
    protected boolean skipGoal() {
        return skip || skipBootTest;
    }

    @Override
    protected String nothingConfigured() {
        return "no boot test declared";
    }

    @Override
    protected void runGoal() {}
}
