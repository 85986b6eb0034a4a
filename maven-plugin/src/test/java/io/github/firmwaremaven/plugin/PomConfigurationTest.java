package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.board.Board;
import io.github.firmwaremaven.board.ConfigNode;
import io.github.firmwaremaven.board.Kernel;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.InputSource;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Maven's view of the configuration, turned into the core's. */
class PomConfigurationTest {
    private static PluginDescriptor descriptor() throws Exception {
        try (Reader r = new InputStreamReader(PomConfigurationTest.class.getResourceAsStream(
                "/META-INF/maven/plugin.xml"), StandardCharsets.UTF_8)) {
            return new PluginDescriptorBuilder().build(r);
        }
    }

    @Test
    void elementsKeepThePomFileAndLineMavenRecorded() {
        InputSource pom = new InputSource();
        pom.setLocation("/boards/x/pom.xml");
        Xpp3Dom kernel = new Xpp3Dom("kernel");
        kernel.setInputLocation(new InputLocation(40, 11, pom));
        Xpp3Dom defconfig = new Xpp3Dom("defconfg");
        defconfig.setValue("tinyconfig");
        defconfig.setInputLocation(new InputLocation(41, 13, pom));
        kernel.addChild(defconfig);

        ConfigNode node = PomConfiguration.node(kernel);
        assertEquals(new ConfigNode("kernel", null, java.util.List.of(new ConfigNode("defconfg", "tinyconfig",
                java.util.List.of(), "/boards/x/pom.xml", 41)), "/boards/x/pom.xml", 40), node);
    }

    @Test
    void everyGoalsParametersWithTheirTypesButNotTheReadOnlyOnes() throws Exception {
        PomConfiguration.DescriptorParameters types = new PomConfiguration.DescriptorParameters(descriptor());
        assertEquals(Kernel.class, types.type("kernel"));
        assertEquals("java.util.List<io.github.firmwaremaven.board.Source>", types.type("sources").getTypeName());
        assertTrue(types.names().contains("compression"), "pack-initramfs' own parameter");
        assertEquals(String.class, types.type("compression"));
        assertTrue(types.names().contains("hostComponents"), "check-host's own parameter");
        assertFalse(types.names().contains("project"));
        assertNull(types.type("mojoExecution"));
        Set<String> boardFiles = new java.util.TreeSet<>();
        for (String name : types.names()) {
            if (types.namesBoardFiles(name)) {
                boardFiles.add(name);
            }
        }
        assertEquals(Set.of("overlays", "listFile", "legalConfigs", "sourceOverrides", "patchesDirectory"), boardFiles);
    }

    /** check-host reads the board from the pom by the names the other goals are injected with. */
    @Test
    void theBoardsElementsAreTheGoalsBaseClassParameters() throws Exception {
        PomConfiguration.DescriptorParameters types = new PomConfiguration.DescriptorParameters(descriptor());
        for (String name : Board.ELEMENTS) {
            assertEquals(Board.class.getDeclaredField(name).getGenericType(),
                    AbstractFirmwareMojo.class.getDeclaredField(name).getGenericType(), name);
            assertEquals(AbstractFirmwareMojo.class.getDeclaredField(name).getGenericType(), types.type(name), name);
        }
        long boardTyped = java.util.Arrays.stream(AbstractFirmwareMojo.class.getDeclaredFields())
                .filter(f -> f.getGenericType().getTypeName().contains(".board.")).count();
        assertEquals(Board.ELEMENTS.size(), boardTyped, "a board parameter Board does not read");
    }
}
