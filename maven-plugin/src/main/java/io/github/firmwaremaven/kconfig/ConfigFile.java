package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kconfig config file or fragment ({@code .config}, a defconfig, a board fragment): symbol
 * assignments in file order, each with the file and line it came from. Comments and blank lines are
 * not kept. A symbol assigned twice keeps its last value, as kconfig does.
 */
public final class ConfigFile {
    /** Linux, coreboot and busybox all use it. */
    public static final String DEFAULT_PREFIX = "CONFIG_";

    // Latin-1 maps every byte to one char, so values that are not UTF-8 survive a parse and write.
    static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    private static final Pattern BARE_VALUE = Pattern.compile("[ymn]|-?[0-9]+|0[xX][0-9a-fA-F]+");

    private final String prefix;
    private final Map<String, ConfigEntry> entries;

    private ConfigFile(String prefix, Map<String, ConfigEntry> entries) {
        this.prefix = prefix;
        this.entries = entries;
    }

    public static ConfigFile empty(String prefix) {
        return new ConfigFile(prefix, new LinkedHashMap<>());
    }

    public static ConfigFile of(String prefix, Collection<ConfigEntry> entries) {
        Map<String, ConfigEntry> map = new LinkedHashMap<>();
        for (ConfigEntry e : entries) {
            map.put(e.symbol(), e);
        }
        return new ConfigFile(prefix, map);
    }

    public static ConfigFile parse(Path file) throws FirmwareException {
        return parse(file, DEFAULT_PREFIX);
    }

    public static ConfigFile parse(Path file, String prefix) throws FirmwareException {
        String text;
        try {
            text = Files.readString(file, CHARSET);
        } catch (NoSuchFileException e) {
            throw new FirmwareException("Config file " + file + " does not exist.");
        } catch (IOException e) {
            throw new FirmwareException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), prefix);
    }

    /** Parses text; {@code source} names it in entries and messages. All malformed lines are reported at once. */
    public static ConfigFile parse(String text, String source, String prefix) throws FirmwareException {
        Pattern assignment = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9_]+)=(.*)");
        Pattern notSet = Pattern.compile("# " + Pattern.quote(prefix) + "([A-Za-z0-9_]+) is not set");
        Map<String, ConfigEntry> entries = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripTrailing(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = notSet.matcher(line);
            if (m.matches()) {
                put(entries, new ConfigEntry(m.group(1), null, source, lineNo));
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            m = assignment.matcher(line);
            if (!m.matches()) {
                errors.add(source + ":" + lineNo + ": not a " + prefix + "NAME=value assignment or '# " + prefix
                        + "NAME is not set': " + line.strip()
                        + (line.startsWith(" ") || line.startsWith("\t") ? " (kconfig ignores indented lines)" : ""));
                continue;
            }
            String problem = checkValue(m.group(2));
            if (problem != null) {
                errors.add(source + ":" + lineNo + ": " + prefix + m.group(1) + ": " + problem);
                continue;
            }
            put(entries, new ConfigEntry(m.group(1), m.group(2), source, lineNo));
        }
        if (!errors.isEmpty()) {
            throw new FirmwareException("Malformed config file " + source + ":\n  " + String.join("\n  ", errors)
                    + "\nEach line must be " + prefix + "NAME=y|m|n|<number>|0x<hex>|\"<string>\", '# " + prefix
                    + "NAME is not set', a # comment or empty; strings need double quotes with \\\" and \\\\ escaped.");
        }
        return new ConfigFile(prefix, entries);
    }

    // A later line for the same symbol replaces the earlier one but takes the later position.
    private static void put(Map<String, ConfigEntry> entries, ConfigEntry e) {
        entries.remove(e.symbol());
        entries.put(e.symbol(), e);
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t'
                || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Null when the value is well formed, else what is wrong with it. */
    private static String checkValue(String v) {
        if (v.isEmpty()) {
            return "empty value (write '# NAME is not set' or \"\" for an empty string)";
        }
        if (v.startsWith("\"")) {
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i == v.length() - 1 ? null : "text after the closing quote: " + v.substring(i + 1);
                }
            }
            return "string without a closing quote: " + v;
        }
        if (!BARE_VALUE.matcher(v).matches()) {
            return "value " + v + " is not y, m, n, a number or hex; strings must be in double quotes";
        }
        return null;
    }

    public String prefix() {
        return prefix;
    }

    /** The entries in file order. */
    public Collection<ConfigEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** The entry for a symbol (without the prefix), or null when the file does not mention it. */
    public ConfigEntry get(String symbol) {
        return entries.get(symbol);
    }

    public boolean contains(String symbol) {
        return entries.containsKey(symbol);
    }

    public int size() {
        return entries.size();
    }

    /** The file's text: one line per entry, in order. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (ConfigEntry e : entries.values()) {
            sb.append(e.render(prefix)).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #render()} through a temporary file, so a killed build never leaves half a config. */
    public void write(Path file) throws IOException {
        writeAtomically(file, render());
    }

    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text, CHARSET);
    }
}
