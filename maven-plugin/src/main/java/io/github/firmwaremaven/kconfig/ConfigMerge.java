package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a base config and fragments in order, the later assignment winning, as
 * {@code scripts/kconfig/merge_config.sh} does. The fragments' final assignments are kept as the
 * requests that {@link ConfigVerifier} checks once the tool has resolved the merged config.
 */
public final class ConfigMerge {
    private ConfigMerge() {}

    /**
     * A symbol a later file set to a different value than an earlier one. {@code ofBase} is true when
     * the earlier value came from the base (the normal case); a fragment undoing another fragment is
     * the common mistake worth a warning.
     */
    public record Redefinition(ConfigEntry previous, ConfigEntry replacement, boolean ofBase) {
        public String describe(String prefix) {
            return prefix + replacement.symbol() + " " + previous.describeValue() + " (" + previous.location()
                    + ") redefined as " + replacement.describeValue() + " (" + replacement.location() + ")";
        }
    }

    /** The merged config, what the fragments asked for (one entry per symbol, the last request), the redefinitions. */
    public record Result(ConfigFile merged, Map<String, ConfigEntry> requested, List<Redefinition> redefinitions) {
        public Result {
            requested = Collections.unmodifiableMap(new LinkedHashMap<>(requested));
            redefinitions = List.copyOf(redefinitions);
        }

        public Collection<ConfigEntry> requestedEntries() {
            return requested.values();
        }
    }

    /** Merges parsed configs; {@code base} may be null when the fragments are the whole config. */
    public static Result merge(ConfigFile base, List<ConfigFile> fragments) {
        String prefix = base != null ? base.prefix()
                : fragments.isEmpty() ? ConfigFile.DEFAULT_PREFIX : fragments.get(0).prefix();
        // A base symbol keeps its place when overridden, so the merged file diffs well against the base.
        Map<String, ConfigEntry> merged = new LinkedHashMap<>();
        Map<String, ConfigEntry> requested = new LinkedHashMap<>();
        List<Redefinition> redefinitions = new ArrayList<>();
        if (base != null) {
            for (ConfigEntry e : base.entries()) {
                merged.put(e.symbol(), e);
            }
        }
        for (ConfigFile fragment : fragments) {
            for (ConfigEntry e : fragment.entries()) {
                ConfigEntry previous = merged.put(e.symbol(), e);
                if (previous != null && !ConfigEntry.sameValue(previous.value(), e.value())) {
                    redefinitions.add(new Redefinition(previous, e, !requested.containsKey(e.symbol())));
                }
                requested.remove(e.symbol());
                requested.put(e.symbol(), e);
            }
        }
        return new Result(ConfigFile.of(prefix, merged.values()), requested, redefinitions);
    }

    /** Parses the files, merges them and writes the merged config to {@code output}. */
    public static Result mergeFiles(Path base, List<Path> fragments, String prefix, Path output)
            throws FirmwareException, IOException {
        ConfigFile baseConfig = base == null ? null : ConfigFile.parse(base, prefix);
        List<ConfigFile> parsed = new ArrayList<>();
        for (Path f : fragments) {
            parsed.add(ConfigFile.parse(f, prefix));
        }
        Result result = merge(baseConfig, parsed);
        result.merged().write(output);
        return result;
    }
}
