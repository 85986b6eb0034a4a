package io.github.firmwaremaven.fetching;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A source tree as fetch-sources prepared it, the way every build takes it.
 *
 * @param name the source's name in the pom
 * @param tree the extracted, patched tree (read only; shared in place in the build cache)
 * @param fingerprint a digest that changes whenever the pinned content or the patches change
 * @param version the declared version, or null when the pom gives none
 */
public record PreparedSource(String name, Path tree, String fingerprint, String version) {
    public PreparedSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The version, or the empty string when none is declared. */
    public String versionOrEmpty() {
        return version == null ? "" : version;
    }
}
