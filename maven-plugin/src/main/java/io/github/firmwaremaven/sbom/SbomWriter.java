package io.github.firmwaremaven.sbom;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.AttachmentText;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Diff;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Patch;
import org.cyclonedx.model.Pedigree;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A CycloneDX 1.5 JSON SBOM of a board: its sources (with URLs, digests, declared license and the
 * patches applied) as components, its toolchains as tools. Same inputs give the same bytes: the
 * serial number is derived from the content, the time is the build's, every list is sorted.
 */
public final class SbomWriter {
    /** The board itself: the SBOM's subject. */
    public record Subject(String group, String name, String version) {}

    private static final String SPDX_EXPRESSION = "[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*";

    private SbomWriter() {}

    public static String json(Subject subject, List<SourceRecord> sources, List<Toolchain> toolchains,
            long epochSeconds) throws IOException {
        Bom bom = new Bom();
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new Date(epochSeconds * 1000L));
        Component board = new Component();
        board.setType(Component.Type.FIRMWARE);
        board.setGroup(subject.group());
        board.setName(subject.name());
        board.setVersion(subject.version());
        board.setBomRef("board");
        metadata.setComponent(board);
        List<Component> tools = new ArrayList<>();
        List<Toolchain> sortedTools = new ArrayList<>(toolchains);
        sortedTools.sort(Comparator.comparing(Toolchain::name));
        for (Toolchain t : sortedTools) {
            tools.add(tool(t));
        }
        if (!tools.isEmpty()) {
            ToolInformation info = new ToolInformation();
            info.setComponents(tools);
            metadata.setToolChoice(info);
        }
        bom.setMetadata(metadata);
        List<SourceRecord> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(SourceRecord::name));
        List<Component> components = new ArrayList<>();
        for (SourceRecord s : sorted) {
            components.add(component(s));
        }
        bom.setComponents(components);
        // The serial is a name-based UUID of everything else, so it changes exactly when the content does.
        bom.setSerialNumber("urn:uuid:" + new UUID(0, 0));
        String unnumbered = generate(bom);
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(unnumbered.getBytes(StandardCharsets.UTF_8)));
        return generate(bom);
    }

    /**
     * Writes the SBOM as the step {@code sbom}, so it is written again exactly when what it is made of
     * changes or the file was edited; generating it loads the CycloneDX library and Jackson, a fifth
     * of a second that a no-op build should not spend. Returns the file.
     */
    public static Path run(StepMachine steps, Subject subject, List<SourceRecord> sources, List<Toolchain> toolchains,
            long epoch, Path file) throws Exception {
        String inputs = inputs(subject, sources, toolchains, epoch);
        steps.run(Step.named("sbom")
                // Without the writer's identity (no code source) the content itself is the key.
                .inputs(fp -> fp.digest("inputs", Digests.sha256(inputs != null ? inputs
                        : json(subject, sources, toolchains, epoch))))
                .output(file)
                .action(ctx -> AtomicFiles.writeString(file, json(subject, sources, toolchains, epoch)))
                .build());
        return file;
    }

    /**
     * Everything the SBOM is made of: each field it shows, each patch's digest (the SBOM embeds the
     * patch), the time, and the writer itself, so that another plugin build writes its SBOM again.
     * Null when the writer cannot tell where it was loaded from.
     */
    static String inputs(Subject subject, List<SourceRecord> sources, List<Toolchain> toolchains, long epochSeconds)
            throws IOException {
        String writer = codeIdentity();
        if (writer == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("writer ").append(writer).append('\n')
                .append("epoch ").append(epochSeconds).append('\n');
        line(b, "board", subject.group(), subject.name(), subject.version());
        for (SourceRecord s : sources) {
            line(b, "source", s.name(), s.version(), s.kind(), String.join(" ", s.urls()), s.checksum(), s.license(),
                    s.commit());
            for (Path p : s.patches()) {
                line(b, "patch", p.toString(), Digests.sha256(p));
            }
            if (s.signer() != null) {
                line(b, "signer", s.name(), s.signer());
            }
        }
        for (Toolchain t : toolchains) {
            line(b, "toolchain", t.name(), t.triple(), t.prefix(), t.identity());
        }
        return b.toString();
    }

    /** Fields separated by a character none of them holds. */
    private static void line(StringBuilder b, String kind, String... fields) {
        b.append(kind);
        for (String f : fields) {
            b.append('\u001f').append(f);
        }
        b.append('\n');
    }

    /** The plugin jar (or class directory) this class came from, with its size and time; null if unknown. */
    private static String codeIdentity() throws IOException {
        CodeSource source = SbomWriter.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            Path code = Path.of(source.getLocation().toURI());
            return code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String generate(Bom bom) throws IOException {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_15, bom).toJsonString() + "\n";
        } catch (GeneratorException e) {
            throw new IOException("Could not write the CycloneDX SBOM: " + e.getMessage(), e);
        }
    }

    private static Component tool(Toolchain t) {
        Component c = new Component();
        c.setType(Component.Type.APPLICATION);
        c.setBomRef("toolchain:" + t.name());
        c.setName(t.triple());
        c.setDescription("toolchain '" + t.name() + "'" + (t.prefix().isEmpty() ? " (host compiler)"
                : " (prefix " + t.prefix() + ")"));
        if (t.identity() != null && t.identity().matches("[0-9a-f]{64}")) {
            // Toolchain.identity is a sha256 over the compiler's binaries and version.
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, t.identity())));
        }
        c.setProperties(List.of(property("firmware:toolchain:identity", t.identity())));
        return c;
    }

    private static Component component(SourceRecord s) throws IOException {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef("source:" + s.name());
        c.setName(s.name());
        c.setVersion(s.version());
        if (s.checksum() != null) {
            int colon = s.checksum().indexOf(':');
            String alg = s.checksum().substring(0, colon);
            c.setHashes(List.of(new Hash(alg.equals("sha512") ? Hash.Algorithm.SHA_512 : Hash.Algorithm.SHA_256,
                    s.checksum().substring(colon + 1))));
        }
        if (s.license() != null && !s.license().isBlank()) {
            LicenseChoice choice = new LicenseChoice();
            String declared = s.license().trim();
            if (declared.matches(SPDX_EXPRESSION)) {
                choice.setExpression(new Expression(declared));
            } else {
                License l = new License();
                l.setName(declared);
                choice.setLicenses(List.of(l));
            }
            c.setLicenses(choice);
        }
        List<ExternalReference> refs = new ArrayList<>();
        for (String url : s.urls()) {
            ExternalReference r = new ExternalReference();
            r.setType("git".equals(s.kind()) ? ExternalReference.Type.VCS : ExternalReference.Type.DISTRIBUTION);
            r.setUrl(url);
            refs.add(r);
        }
        if (!refs.isEmpty()) {
            c.setExternalReferences(refs);
        }
        List<Property> props = new ArrayList<>();
        if (s.commit() != null) {
            props.add(property("firmware:git:commit", s.commit()));
        }
        if (s.signer() != null) {
            // CycloneDX 1.5's "signature" signs the BOM itself (JSF); who signed the upstream download is a fact
            // about the component, so a property records the verified signer's OpenPGP fingerprint.
            props.add(property("firmware:signer", "openpgp:" + s.signer()));
        }
        if (!s.patches().isEmpty()) {
            List<Patch> patches = new ArrayList<>();
            for (Path p : s.patches()) {
                Patch patch = new Patch();
                patch.setType(Patch.Type.UNOFFICIAL);
                Diff diff = new Diff();
                // Where the legal bundle holds the patch; CycloneDX's patch has no hash field, so a property carries it.
                diff.setUrl("sources/" + s.label() + "/patches/" + p.getFileName());
                // The library writes "text": null when it is unset, which the schema rejects; the diff itself is useful anyway.
                AttachmentText text = new AttachmentText();
                text.setContentType("text/x-diff");
                text.setEncoding("base64");
                text.setText(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                diff.setText(text);
                patch.setDiff(diff);
                patches.add(patch);
                props.add(property("firmware:patch", p.getFileName() + " sha256:" + Digests.sha256(p)));
            }
            Pedigree pedigree = new Pedigree();
            pedigree.setPatches(patches);
            c.setPedigree(pedigree);
        }
        if (!props.isEmpty()) {
            c.setProperties(props);
        }
        return c;
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
