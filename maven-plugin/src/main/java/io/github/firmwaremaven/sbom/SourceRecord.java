package io.github.firmwaremaven.sbom;

import io.github.firmwaremaven.fetching.SourceRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One prepared source as the SBOM and the legal bundle see it, read from fetch-sources' registry.
 *
 * @param checksum {@code algorithm:hex} of the downloaded file, or null (git, overrides)
 * @param archive the file in the download cache, or null
 * @param tree the prepared tree (license files are looked up there), or null for file sources
 * @param signer fingerprint of the key whose OpenPGP signature of the download verified, or null
 */
public record SourceRecord(String name, String version, String kind, List<String> urls, String checksum,
        String license, String commit, Path archive, List<Path> patches, Path tree, String fingerprint,
        String signer) {

    /** A source whose signature was not checked. */
    public SourceRecord(String name, String version, String kind, List<String> urls, String checksum,
            String license, String commit, Path archive, List<Path> patches, Path tree, String fingerprint) {
        this(name, version, kind, urls, checksum, license, commit, archive, patches, tree, fingerprint, null);
    }

    /** Every source of the registry, by name. */
    public static List<SourceRecord> all(SourceRegistry registry) throws IOException {
        List<SourceRecord> result = new ArrayList<>();
        for (String name : registry.names()) {
            String tree = registry.property(name, "tree");
            result.add(new SourceRecord(name, registry.property(name, "version"), registry.property(name, "kind"),
                    registry.urls(name), registry.property(name, "checksum"), registry.property(name, "license"),
                    registry.property(name, "commit"), registry.archive(name), registry.patches(name),
                    tree == null ? null : Paths.get(tree), registry.property(name, "fingerprint"),
                    registry.signer(name)));
        }
        return result;
    }

    /** {@code name-version}, the directory name used in the legal bundle. */
    public String label() {
        return version == null ? name : name + "-" + version;
    }
}
