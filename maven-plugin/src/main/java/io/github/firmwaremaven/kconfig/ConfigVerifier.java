package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.errors.FirmwareException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks, after the real tool resolved the merged config ({@code make olddefconfig}), that every
 * symbol a fragment asked for kept its value. Kconfig drops or changes a request without an error
 * when a dependency is off or the symbol does not exist in this version; this turns that into one
 * build failure listing every offender.
 */
public final class ConfigVerifier {
    private ConfigVerifier() {}

    /** A request the final config does not honour; {@code actual} is null when the symbol is absent. */
    public record Mismatch(ConfigEntry requested, ConfigEntry actual) {
        public String describe(String prefix) {
            String got = actual == null ? "absent (unknown symbol in this version, or hidden by its dependencies)"
                    : actual.describeValue();
            return prefix + requested.symbol() + ": requested " + requested.describeValue() + " ("
                    + requested.location() + "), actual " + got;
        }
    }

    /** Every request the final config does not honour, in request order. */
    public static List<Mismatch> mismatches(Collection<ConfigEntry> requested, ConfigFile actual) {
        List<Mismatch> result = new ArrayList<>();
        for (ConfigEntry want : requested) {
            ConfigEntry got = actual.get(want.symbol());
            if (got == null) {
                // An absent symbol is off, so "is not set" is honoured.
                if (!want.isNotSet()) {
                    result.add(new Mismatch(want, null));
                }
            } else if (!ConfigEntry.sameValue(want.value(), got.value())) {
                result.add(new Mismatch(want, got));
            }
        }
        return result;
    }

    /**
     * Fails with one message naming every offender.
     *
     * @param what names the config in the message, e.g. {@code "Linux 6.1.176 .config"}
     */
    public static void verify(Collection<ConfigEntry> requested, ConfigFile actual, String what)
            throws FirmwareException {
        List<Mismatch> mismatches = mismatches(requested, actual);
        if (mismatches.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(mismatches.size()).append(mismatches.size() == 1 ? " config symbol" : " config symbols")
                .append(" requested by the fragments did not survive olddefconfig in ").append(what).append(":\n");
        for (Mismatch m : mismatches) {
            sb.append("  ").append(m.describe(actual.prefix())).append('\n');
        }
        sb.append("Kconfig silently drops a request whose dependencies are not met. Look each symbol up with")
                .append(" 'make menuconfig' (press / and type the name): add what its 'Depends on' line needs")
                .append(" to the fragment, or remove the request. An absent symbol may not exist in this")
                .append(" source version (renamed or removed): check the Kconfig files of this version.");
        throw new FirmwareException(sb.toString());
    }
}
