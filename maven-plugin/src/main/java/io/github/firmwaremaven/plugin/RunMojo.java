package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.qemu.BoardBoot;
import io.github.firmwaremaven.qemu.QemuInteractive;
import org.apache.maven.plugins.annotations.Mojo;

/** Starts the board in QEMU interactively, with the same arguments boot-test uses (Ctrl-A x quits). */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractFirmwareMojo {
    @Override
    protected String nothingConfigured() {
        return bootTest == null ? "no boot test declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        BoardBoot.Prepared boot = BoardBoot.prepare(board().bootPlan(null, null), outputs().outputs(),
                BoardBoot.newNonce());
        getLog().info("Starting QEMU; quit with Ctrl-A x");
        int code = QemuInteractive.run(boot.spec(), buildArea.toPath().resolve("run"));
        getLog().info("QEMU exited with " + code);
    }
}
