package io.github.firmwaremaven.plugin;

import org.apache.maven.plugins.annotations.Mojo;

/** Starts the board in QEMU interactively, with the same arguments boot-test uses. */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractFirmwareMojo {
    @Override
    protected boolean skipGoal() {
        return false;
    }

    @Override
    protected String nothingConfigured() {
        return "no boot test declared";
    }

    @Override
    protected void runGoal() {}
}
