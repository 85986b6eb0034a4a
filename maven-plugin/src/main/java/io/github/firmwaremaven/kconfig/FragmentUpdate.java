package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes config edits (menuconfig on a build's .config) back into a board fragment. Symbols the
 * fragment already has take their new value from the new full .config, in place. Other symbols the
 * user changed are found by comparing {@code savedefconfig} output before and after the edit: a
 * defconfig lists only non-default values, so defaults that merely became visible are not added.
 */
public final class FragmentUpdate {
    private FragmentUpdate() {}

    /**
     * One fragment line to write: {@code before} is the fragment's entry being replaced (null for a
     * line to append); {@code value} is the new raw value, null for {@code is not set}.
     */
    public record Change(String symbol, ConfigEntry before, String value) {
        public String line(String prefix) {
            return new ConfigEntry(symbol, value, "", 0).render(prefix);
        }
    }

    /**
     * @param fragment the board fragment as it is now
     * @param newConfig the full .config after the edit; a symbol absent there is treated as not set
     * @param savedBefore {@code savedefconfig} output before the edit, or null to only update existing lines
     * @param savedAfter {@code savedefconfig} output after the edit, or null
     */
    public static List<Change> diff(ConfigFile fragment, ConfigFile newConfig, ConfigFile savedBefore,
            ConfigFile savedAfter) {
        List<Change> changes = new ArrayList<>();
        for (ConfigEntry e : fragment.entries()) {
            String now = valueIn(newConfig, e.symbol());
            if (!ConfigEntry.sameValue(e.value(), now)) {
                changes.add(new Change(e.symbol(), e, now));
            }
        }
        if (savedBefore != null && savedAfter != null) {
            List<String> symbols = new ArrayList<>();
            savedAfter.entries().forEach(e -> symbols.add(e.symbol()));
            savedBefore.entries().stream().map(ConfigEntry::symbol).filter(s -> !symbols.contains(s))
                    .forEach(symbols::add);
            for (String s : symbols) {
                if (fragment.contains(s)) {
                    continue;
                }
                ConfigEntry before = savedBefore.get(s);
                ConfigEntry after = savedAfter.get(s);
                // In a defconfig, absent means "the default", which differs from an explicit "is not set".
                boolean changed = before == null || after == null
                        ? before != after
                        : !ConfigEntry.sameValue(before.value(), after.value());
                if (changed) {
                    changes.add(new Change(s, null, valueIn(newConfig, s)));
                }
            }
        }
        return changes;
    }

    private static String valueIn(ConfigFile config, String symbol) {
        ConfigEntry e = config.get(symbol);
        return e == null || e.isNotSet() ? null : e.value();
    }

    /** The fragment text with replaced lines changed in place and new lines appended. */
    public static String apply(String fragmentText, String prefix, List<Change> changes) {
        List<String> lines = new ArrayList<>(List.of(fragmentText.split("\n", -1)));
        if (fragmentText.isEmpty() || fragmentText.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        for (Change c : changes) {
            if (c.before() != null) {
                lines.set(c.before().line() - 1, c.line(prefix));
            }
        }
        for (Change c : changes) {
            if (c.before() == null) {
                lines.add(c.line(prefix));
            }
        }
        String text = String.join("\n", lines);
        return text.isEmpty() ? text : text + "\n";
    }

    /** Parses the fragment, applies {@link #diff} and rewrites it when something changed. */
    public static List<Change> updateFile(Path fragment, ConfigFile newConfig, ConfigFile savedBefore,
            ConfigFile savedAfter) throws FirmwareException, IOException {
        String text = Files.readString(fragment, ConfigFile.CHARSET);
        ConfigFile parsed = ConfigFile.parse(text, fragment.toString(), newConfig.prefix());
        List<Change> changes = diff(parsed, newConfig, savedBefore, savedAfter);
        if (!changes.isEmpty()) {
            ConfigFile.writeAtomically(fragment, apply(text, newConfig.prefix(), changes));
        }
        return changes;
    }
}
