package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.toolchain.CrossgccBuild;
import io.github.firmwaremaven.toolchain.SourceToolchainBuild;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainResolver;
import io.github.firmwaremaven.toolchain.ToolchainSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Resolves the board's toolchains (external prefixes or directories, built from source, coreboot's
 * crossgcc, or published archives) into {@code target/firmware/toolchains.properties}, the one description every
 * later goal reads.
 */
@Mojo(name = "build-toolchain", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class BuildToolchainMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-toolchain.skip", defaultValue = "false")
    private boolean skip;

    /** The compilers the board needs: the host's and one per target. */
    @Parameter
    private List<ToolchainConfig> toolchains = new ArrayList<>();

    /** Where commands are looked up; defaults to PATH. */
    @Parameter(property = "firmware.hostPath")
    private String hostPath;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return toolchains.isEmpty() ? "no toolchains declared (add <toolchains> to the plugin configuration)" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        List<ToolchainSpec> specs = new ArrayList<>();
        boolean anySource = false;
        for (ToolchainConfig c : toolchains) {
            specs.add(spec(c));
            anySource |= c.source != null || c.crossgcc != null;
        }
        String path = hostPath != null ? hostPath : System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        Path area = buildArea.toPath();
        ToolchainResolver resolver = new ToolchainResolver(new ToolchainResolver.Context(area, steps(),
                cacheDir.toPath().resolve("work"), path, buildLog()),
                anySource ? new FetchedSourceTrees(area) : null);
        List<Toolchain> resolved = resolver.resolveAll(specs);
        getLog().info("Resolved " + resolved.size() + " toolchain(s) into " + area.resolve("toolchains.properties"));
    }

    private ToolchainSpec spec(ToolchainConfig c) throws Exception {
        String where = "<toolchain> '" + c.name + "'";
        int modes = (c.source != null ? 1 : 0) + (c.artifact != null ? 1 : 0) + (c.crossgcc != null ? 1 : 0)
                + (c.prefix != null || c.directory != null ? 1 : 0);
        if (modes > 1) {
            throw new FirmwareException(where + " sets more than one of <prefix>/<directory>, <source>, "
                    + "<crossgcc> and <artifact>; keep the one that says where this toolchain comes from.");
        }
        if (c.crossgcc != null) {
            if (c.crossgcc.arch == null) {
                throw new FirmwareException(where + " is coreboot's crossgcc but names no <arch> (i386, x64, arm, "
                        + "aarch64, riscv, ppc64), as in make crossgcc-i386.");
            }
            return ToolchainSpec.crossgcc(c.name, c.target, new CrossgccBuild.Request(c.name, c.crossgcc.coreboot,
                    c.crossgcc.arch, CrossgccBuild.parseTarballs(c.crossgcc.tarballs)));
        }
        if (c.source != null) {
            ToolchainSource s = c.source;
            String triple = s.triple != null ? s.triple : c.target != null ? c.target + "-linux-musl" : null;
            if (triple == null) {
                throw new FirmwareException(where + " is built from source but names no target: set <target> "
                        + "(e.g. x86_64) or <source><triple>x86_64-linux-musl</triple>.");
            }
            return new ToolchainSpec(c.name, c.target, null, null, new SourceToolchainBuild.Request(c.name, triple,
                    s.binutils, s.gcc, s.musl, s.linux, s.binutilsConfigureArgs, s.configureArgs), null, null);
        }
        if (c.artifact != null) {
            return new ToolchainSpec(c.name, c.target, null, null, null, c.artifact, resolveArtifact(where, c.artifact));
        }
        Path directory = c.directory == null ? null : c.directory.toPath();
        return c.publish ? ToolchainSpec.externalPublished(c.name, c.target, c.prefix, directory)
                : ToolchainSpec.external(c.name, c.target, c.prefix, directory);
    }

    private Path resolveArtifact(String where, String coordinates) throws MojoFailureException {
        return resolveArtifact(where + " <artifact>", coordinates, ArtifactKind.TOOLCHAIN.extension(),
                "org.example:toolchains:1.0:toolchain-x86_64-aarch64-linux-musl",
                "Publish it with mvn deploy from a board that builds it from <source> or sets <publish>, check the "
                        + "repository and mirror settings, or run once online if building with -o.");
    }
}
