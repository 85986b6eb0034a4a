package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.board.Board;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainResolver;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Resolves the board's toolchains (external prefixes or directories, built from source, coreboot's
 * crossgcc, or published archives) into {@code target/firmware/toolchains.properties}, the one description every
 * later goal reads.
 */
@Mojo(name = "build-toolchain", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class BuildToolchainMojo extends AbstractFirmwareMojo {
    @Override
    protected String nothingConfigured() {
        return board().hasToolchains() ? null : "no toolchains declared (add <toolchains> to the plugin configuration)";
    }

    @Override
    protected void runGoal() throws Exception {
        Board board = board();
        ToolchainResolver resolver = new ToolchainResolver(new ToolchainResolver.Context(board.area(), steps(),
                cacheDir.toPath().resolve("work"), board.path(), buildLog()),
                board.buildsToolchainFromSource() ? board.preparedTrees() : null);
        List<Toolchain> resolved = resolver.resolveAll(board.toolchainSpecs(artifactResolver()));
        getLog().info("Resolved " + resolved.size() + " toolchain(s) into " + board.area().resolve("toolchains.properties"));
    }
}
