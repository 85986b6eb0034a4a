package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.coreboot.CorebootBuild;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.toolchain.Toolchain;
import io.github.firmwaremaven.toolchain.ToolchainRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds coreboot with the board's payload. Attaches the board's outputs and sets its main artifact, also when skipped. */
@Mojo(name = "build-coreboot", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildCorebootMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "build-coreboot.skip", defaultValue = "false")
    private boolean skip;

    /** The coreboot build. */
    @Parameter
    private Coreboot coreboot;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return coreboot == null ? "no coreboot declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        CorebootBuild build = corebootBuild(coreboot, buildArea.toPath(), payload());
        build.run(steps());
        outputs().record(Output.of(ArtifactKind.COREBOOT_ROM, build.rom()));
        outputs().record(Output.of(ArtifactKind.CBFS_LAYOUT, build.layout()));
        getLog().info("coreboot ROM: " + build.rom() + " (CBFS layout in " + build.layout() + ")");
    }

    /** The board's coreboot build; also what the config-editing goals work on (payload: null there). */
    static CorebootBuild corebootBuild(Coreboot coreboot, Path area, CorebootBuild.Payload payload) throws Exception {
        if (coreboot.config == null) {
            throw new FirmwareException("<coreboot> needs <config>: the board's defconfig-style coreboot config.");
        }
        SourceRegistry sources = SourceRegistry.read(area);
        Toolchain toolchain = ToolchainRegistry.read(area).get(coreboot.toolchain);
        String version = sources.property(coreboot.source, "version");
        return new CorebootBuild(new CorebootBuild.Spec(sources.tree(coreboot.source),
                sources.fingerprint(coreboot.source), version == null ? "" : version, toolchain,
                coreboot.config.toPath(), payload, coreboot.localVersion, coreboot.timeless,
                coreboot.makeVariables, area.resolve("coreboot"), area.resolve("coreboot/image"),
                Runtime.getRuntime().availableProcessors()));
    }

    private CorebootBuild.Payload payload() throws Exception {
        switch (coreboot.payload == null ? "linux" : coreboot.payload) {
            case "none":
                return null;
            case "elf":
                if (coreboot.payloadFile == null) {
                    throw new FirmwareException("<coreboot><payload>elf</payload> needs <payloadFile>.");
                }
                return CorebootBuild.Payload.elf(coreboot.payloadFile.toPath());
            case "linux":
                List<Output> built = outputs().outputs();
                Path kernel = coreboot.payloadFile != null ? coreboot.payloadFile.toPath()
                        : find(built, ArtifactKind.KERNEL_IMAGE).orElseThrow(() -> new FirmwareException(
                                "coreboot's Linux payload needs a kernel, but the board built none: configure "
                                        + "<kernel> (build-kernel) or set <coreboot><payloadFile>."));
                Path initrd = coreboot.initrd != null ? coreboot.initrd.toPath()
                        : find(built, ArtifactKind.INITRAMFS).orElse(null);
                return CorebootBuild.Payload.linux(kernel, initrd, coreboot.commandLine);
            default:
                throw new FirmwareException("<coreboot><payload> must be linux, elf or none, not '"
                        + coreboot.payload + "'.");
        }
    }

    private static Optional<Path> find(List<Output> outputs, ArtifactKind kind) {
        return outputs.stream().filter(o -> o.kind() == kind).map(Output::file).findFirst();
    }

    @Override
    protected void afterGoal() throws Exception {
        publishOutputs();
    }
}
