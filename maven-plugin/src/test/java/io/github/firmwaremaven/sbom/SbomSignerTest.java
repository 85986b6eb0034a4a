package io.github.firmwaremaven.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** The verified signer of a source in the SBOM, valid CycloneDX 1.5, and part of what the SBOM is made of. */
class SbomSignerTest {
    static final String FP = "836489290BB6B70F99FFDA0556BCDB593020450F";
    static final SbomWriter.Subject BOARD = new SbomWriter.Subject("com.example", "board", "1.0");

    static SourceRecord musl(String signer) {
        return new SourceRecord("musl", "1.2.3", "archive", List.of("https://musl.libc.org/releases/musl-1.2.3.tar.gz"),
                "sha256:7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4", "MIT", null, null, List.of(),
                null, "fp", signer);
    }

    static List<Property> properties(String json) throws Exception {
        Component c = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8)).getComponents().get(0);
        return c.getProperties() == null ? List.of() : c.getProperties();
    }

    @Test
    void theSignerIsAPropertyOfTheComponentAndTheSbomStaysValid() throws Exception {
        String json = SbomWriter.json(BOARD, List.of(musl(FP)), List.of(), 0);
        assertTrue(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_15).isEmpty(), json);
        List<Property> props = properties(json);
        assertEquals(1, props.size(), json);
        assertEquals("firmware:signer", props.get(0).getName());
        assertEquals("openpgp:" + FP, props.get(0).getValue());
        assertTrue(properties(SbomWriter.json(BOARD, List.of(musl(null)), List.of(), 0)).isEmpty(),
                "no signer, no property");
    }

    @Test
    void aNewSignerWritesTheSbomAgain() throws Exception {
        String unsigned = SbomWriter.inputs(BOARD, List.of(musl(null)), List.of(), 0);
        String signed = SbomWriter.inputs(BOARD, List.of(musl(FP)), List.of(), 0);
        // Tests run from target/classes, so the writer knows where it was loaded from and gives inputs.
        org.junit.jupiter.api.Assertions.assertNotNull(unsigned);
        assertNotEquals(unsigned, signed);
        assertTrue(signed.contains(FP), signed);
        assertNotEquals(SbomWriter.json(BOARD, List.of(musl(null)), List.of(), 0),
                SbomWriter.json(BOARD, List.of(musl(FP)), List.of(), 0));
    }
}
