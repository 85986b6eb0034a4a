package io.github.firmwaremaven.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private static ConfigFile parse(String text) throws FirmwareException {
        return ConfigFile.parse(text, "board.config", "CONFIG_");
    }

    @Test
    void parsesEveryValueKindWithItsLine() throws Exception {
        ConfigFile c = parse("#\n# Automatically generated file; DO NOT EDIT.\n#\n"
                + "CONFIG_64BIT=y\n"
                + "CONFIG_E1000=m\n"
                + "# CONFIG_MODULES is not set\n"
                + "\n"
                + "CONFIG_LOG_BUF_SHIFT=17\n"
                + "CONFIG_PHYSICAL_START=0x1000000\n"
                + "CONFIG_CMDLINE=\"console=ttyS0 quiet\"\n"
                + "CONFIG_NEG=-1\n");
        assertEquals(List.of("64BIT", "E1000", "MODULES", "LOG_BUF_SHIFT", "PHYSICAL_START", "CMDLINE", "NEG"),
                c.entries().stream().map(ConfigEntry::symbol).collect(Collectors.toList()));
        assertEquals("y", c.get("64BIT").value());
        assertEquals(4, c.get("64BIT").line());
        assertEquals("board.config", c.get("64BIT").source());
        assertEquals("m", c.get("E1000").value());
        assertNull(c.get("MODULES").value());
        assertTrue(c.get("MODULES").isNotSet());
        assertEquals(6, c.get("MODULES").line());
        assertEquals("17", c.get("LOG_BUF_SHIFT").value());
        assertEquals(8, c.get("LOG_BUF_SHIFT").line());
        assertEquals("0x1000000", c.get("PHYSICAL_START").value());
        assertEquals("\"console=ttyS0 quiet\"", c.get("CMDLINE").value());
        assertEquals("console=ttyS0 quiet", ConfigEntry.unquote(c.get("CMDLINE").value()));
        assertFalse(c.contains("UNKNOWN"));
    }

    @Test
    void stringWithEscapedQuotesAndBackslashes() throws Exception {
        ConfigFile c = parse("CONFIG_CMDLINE=\"say \\\"hi there\\\" \\\\ done\"\n");
        assertEquals("say \"hi there\" \\ done", ConfigEntry.unquote(c.get("CMDLINE").value()));
        assertEquals(c.get("CMDLINE").value(), ConfigEntry.quote("say \"hi there\" \\ done"));
    }

    @Test
    void emptyStringAndHashInsideString() throws Exception {
        ConfigFile c = parse("CONFIG_EXTRA_CFLAGS=\"\"\nCONFIG_NAME=\"a # not a comment\"\n");
        assertEquals("", ConfigEntry.unquote(c.get("EXTRA_CFLAGS").value()));
        assertEquals("a # not a comment", ConfigEntry.unquote(c.get("NAME").value()));
    }

    @Test
    void laterLineForTheSameSymbolWins() throws Exception {
        ConfigFile c = parse("CONFIG_A=y\nCONFIG_B=y\n# CONFIG_A is not set\n");
        assertTrue(c.get("A").isNotSet());
        assertEquals(3, c.get("A").line());
        assertEquals(2, c.size());
    }

    @Test
    void toleratesCrLfAndTrailingBlanks() throws Exception {
        ConfigFile c = parse("CONFIG_A=y \r\n# CONFIG_B is not set\t\r\n");
        assertEquals("y", c.get("A").value());
        assertTrue(c.get("B").isNotSet());
    }

    @Test
    void otherCommentsAreIgnored() throws Exception {
        ConfigFile c = parse("# CONFIG_A=y\n#CONFIG_B is not set\n# Linux/x86 6.1 Kernel Configuration\n");
        assertEquals(0, c.size());
    }

    @Test
    void malformedLinesAreAllReportedWithFileAndLine() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> parse("CONFIG_OK=y\n"
                + "CONFIG_CMDLINE=console=ttyS0\n"
                + "BR2_FOO=y\n"
                + "CONFIG_STR=\"unterminated\n"
                + "CONFIG_EMPTY=\n"
                + "  CONFIG_INDENTED=y\n"
                + "CONFIG_TRAIL=\"x\" y\n"
                + "CONFIG_BAD NAME=y\n"));
        String m = e.getMessage();
        assertTrue(m.contains("board.config:2: CONFIG_CMDLINE: value console=ttyS0 is not y, m, n"), m);
        assertTrue(m.contains("strings must be in double quotes"), m);
        assertTrue(m.contains("board.config:3: not a CONFIG_NAME=value assignment"), m);
        assertTrue(m.contains("board.config:4: CONFIG_STR: string without a closing quote"), m);
        assertTrue(m.contains("board.config:5: CONFIG_EMPTY: empty value"), m);
        assertTrue(m.contains("board.config:6: ") && m.contains("kconfig ignores indented lines"), m);
        assertTrue(m.contains("board.config:7: CONFIG_TRAIL: text after the closing quote"), m);
        assertTrue(m.contains("board.config:8: "), m);
        assertFalse(m.contains("board.config:1:"), m);
    }

    @Test
    void customPrefix() throws Exception {
        ConfigFile c = ConfigFile.parse("BR2_x86_64=y\n# BR2_STATIC_LIBS is not set\n", "br.config", "BR2_");
        assertEquals("y", c.get("x86_64").value());
        assertTrue(c.get("STATIC_LIBS").isNotSet());
        assertEquals("BR2_x86_64=y\n# BR2_STATIC_LIBS is not set\n", c.render());
        assertThrows(FirmwareException.class, () -> ConfigFile.parse("CONFIG_A=y\n", "br.config", "BR2_"));
    }

    @Test
    void renderRoundTripsThroughAFile() throws Exception {
        String text = "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=\"x \\\"y\\\"\"\nCONFIG_D=0x10\n";
        Path f = dir.resolve("sub/.config");
        parse(text).write(f);
        assertEquals(text, Files.readString(f));
        ConfigFile again = ConfigFile.parse(f);
        assertEquals(f.toString(), again.get("C").source());
        assertEquals(text, again.render());
    }

    @Test
    void bytesThatAreNotUtf8Survive() throws Exception {
        byte[] raw = {'C', 'O', 'N', 'F', 'I', 'G', '_', 'S', '=', '"', (byte) 0xe9, (byte) 0xff, '"', '\n'};
        Path in = Files.write(dir.resolve("in.config"), raw);
        Path out = dir.resolve("out.config");
        ConfigFile.parse(in).write(out);
        assertEquals(new String(raw, StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.config");
        FirmwareException e = assertThrows(FirmwareException.class, () -> ConfigFile.parse(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void valueEquality() {
        assertTrue(ConfigEntry.sameValue(null, "n"));
        assertTrue(ConfigEntry.sameValue("n", null));
        assertFalse(ConfigEntry.sameValue(null, "y"));
        assertFalse(ConfigEntry.sameValue("y", "m"));
        assertTrue(ConfigEntry.sameValue("0x10", "0X0010"));
        assertFalse(ConfigEntry.sameValue("0x10", "16"));
        assertTrue(ConfigEntry.sameValue("\"a\\\"b\"", "\"a\\\"b\""));
        assertFalse(ConfigEntry.sameValue("\"a b\"", "\"a  b\""));
        assertFalse(ConfigEntry.sameValue("\"\"", null));
    }
}
