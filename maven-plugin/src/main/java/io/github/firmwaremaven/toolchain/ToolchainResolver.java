package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.artifacts.OutputRegistry;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The build-toolchain goal's core: resolves every declared toolchain to one validated
 * {@link Toolchain}, writes them to the {@link ToolchainRegistry} and records the archives of
 * source-built and crossgcc toolchains (and of external ones the board publishes) as outputs
 * (classifier {@code toolchain-<host>-<target>}) for deploy.
 */
public final class ToolchainResolver {
    /** Where things go; one per build. */
    public record Context(Path buildArea, StepMachine steps, Path workRoot, String hostPath, BuildLog log) {}

    private final Context context;
    private final SourceTrees sources;

    /** @param sources the board's fetched sources; only source and crossgcc toolchains use it */
    public ToolchainResolver(Context context, SourceTrees sources) {
        this.context = context;
        this.sources = sources;
    }

    /** Resolves all, in order, and writes the registry; returns what was written. */
    public List<Toolchain> resolveAll(List<ToolchainSpec> specs) throws Exception {
        Set<String> names = new HashSet<>();
        List<Toolchain> resolved = new ArrayList<>();
        for (ToolchainSpec spec : specs) {
            if (spec.name() == null || !spec.name().matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new FirmwareException("Every <toolchain> needs a <name> of letters, digits, '-' or '_' (got '"
                        + spec.name() + "'); goals refer to toolchains by it, e.g. <name>aarch64</name>.");
            }
            if (!names.add(spec.name())) {
                throw new FirmwareException("Two <toolchain> entries are named '" + spec.name() + "'; names must be "
                        + "unique.");
            }
            resolved.add(resolve(spec));
        }
        ToolchainRegistry.write(context.buildArea(), resolved);
        return resolved;
    }

    public Toolchain resolve(ToolchainSpec spec) throws Exception {
        Path scratch = context.buildArea().resolve("tmp");
        switch (spec.mode()) {
            case EXTERNAL:
                ExternalToolchain.Validated v = ExternalToolchain.validate(spec.name(), spec.target(), spec.prefix(),
                        spec.directory(), context.hostPath(), scratch, context.steps(), context.log());
                if (spec.publish()) {
                    Path copy = RelocatableToolchain.obtain(v.toolchain(), v.gcc(),
                            ExternalToolchain.environment(context.hostPath(), v.toolchain().binDir()), context.steps(),
                            hostArch(), context.log());
                    publish(spec.name(), v.toolchain().triple(), copy);
                }
                return v.toolchain();
            case ARTIFACT:
                return fromArtifact(spec, scratch);
            case CROSSGCC:
                return fromCrossgcc(spec, scratch);
            default:
                return fromSource(spec, scratch);
        }
    }

    private Toolchain fromArtifact(ToolchainSpec spec, Path scratch) throws Exception {
        Path dir = ToolchainArchive.unpack(spec.artifactFile(), context.steps(), context.hostPath());
        Properties meta = ToolchainArchive.readMetadata(dir, spec.artifact());
        context.log().info("Toolchain '" + spec.name() + "': " + spec.artifact() + " unpacked in " + dir);
        String target = spec.target() != null ? spec.target() : meta.getProperty("triple");
        return ExternalToolchain.validate(spec.name(), target, meta.getProperty("prefix"), dir, context.hostPath(),
                scratch, context.steps(), context.log()).toolchain();
    }

    private Toolchain fromSource(ToolchainSpec spec, Path scratch) throws Exception {
        if (sources == null) {
            throw new FirmwareException("Toolchain '" + spec.name() + "' is built from source, but the board "
                    + "declares no sources; declare binutils, gcc, musl and linux under <sources> and run "
                    + "fetch-sources.");
        }
        SourceToolchainBuild.Request r = spec.source();
        Path prefix = SourceToolchainBuild.obtain(r, sources, context.steps(), context.workRoot(),
                context.buildArea(), context.hostPath(), hostArch(), context.log());
        Toolchain toolchain = ExternalToolchain.validate(spec.name(), spec.target() != null ? spec.target()
                : r.triple(), r.triple() + "-", prefix, context.hostPath(), scratch, context.steps(), context.log())
                .toolchain();
        publish(spec.name(), r.triple(), prefix);
        return toolchain;
    }

    private Toolchain fromCrossgcc(ToolchainSpec spec, Path scratch) throws Exception {
        CrossgccBuild.Request r = spec.crossgcc();
        if (sources == null) {
            throw new FirmwareException("Toolchain '" + spec.name() + "' is coreboot's crossgcc, but the board "
                    + "declares no sources; declare the coreboot source and buildgcc's tarballs under <sources> and "
                    + "run fetch-sources.");
        }
        String triple = CrossgccArchitectures.triple(r.arch());
        Path prefix = CrossgccBuild.obtain(r, sources, context.steps(), context.workRoot(), context.buildArea(),
                context.hostPath(), hostArch(), context.log());
        Toolchain toolchain = ExternalToolchain.validate(spec.name(), spec.target() != null ? spec.target() : triple,
                triple + "-", prefix, context.hostPath(), scratch, context.steps(), context.log()).toolchain();
        publish(spec.name(), triple, prefix);
        return toolchain;
    }

    /** Packs the cached prefix once per content into target/firmware and records it for deploy. */
    private void publish(String name, String triple, Path prefix) throws Exception {
        String classifier = classifier(hostArch(), triple);
        Path archive = context.buildArea().resolve("toolchains").resolve(classifier + ".tar.xz");
        context.steps().run(Step.named("toolchain-" + name + "-archive")
                .inputs(f -> f.param("prefix", prefix.getParent().getFileName()))
                .output(archive)
                .action(ctx -> ToolchainArchive.pack(prefix, archive, ctx.timestamp().epochSeconds()))
                .build());
        new OutputRegistry(context.buildArea()).record(
                new Output(ArtifactKind.TOOLCHAIN, classifier, ArtifactKind.TOOLCHAIN.extension(), archive));
    }

    /** {@code toolchain-<host>-<target>}, e.g. toolchain-x86_64-aarch64-linux-musl. */
    public static String classifier(String hostArch, String triple) {
        return ArtifactKind.TOOLCHAIN.classifier() + "-" + hostArch + "-" + triple;
    }

    /** The host's GNU architecture name. */
    public static String hostArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return ExternalToolchain.archFamily(arch.equals("x86") ? "i686" : arch);
    }
}
