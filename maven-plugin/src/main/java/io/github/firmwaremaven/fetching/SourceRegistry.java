package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What fetch-sources prepared, for the goals after it: {@code <buildArea>/sources.properties} with,
 * per source, its kind, prepared tree or file, and fingerprint.
 */
public final class SourceRegistry {
    public static final String FILE_NAME = "sources.properties";

    private final Path file;
    private final Properties props;

    private SourceRegistry(Path file, Properties props) {
        this.file = file;
        this.props = props;
    }

    /** The registry of a build area; empty if fetch-sources has not run there. */
    public static SourceRegistry read(Path firmwareBuildArea) throws IOException {
        Path f = firmwareBuildArea.resolve(FILE_NAME);
        return new SourceRegistry(f, AtomicFiles.load(f));
    }

    static SourceRegistry empty(Path firmwareBuildArea) {
        return new SourceRegistry(firmwareBuildArea.resolve(FILE_NAME), new Properties());
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String k : props.stringPropertyNames()) {
            if (k.endsWith(".fingerprint")) {
                names.add(k.substring(0, k.length() - ".fingerprint".length()));
            }
        }
        return names;
    }

    /** The prepared (extracted, patched) tree of a source. */
    public Path tree(String sourceName) throws FirmwareException {
        String t = props.getProperty(sourceName + ".tree");
        if (t == null) {
            throw missing(sourceName, props.containsKey(sourceName + ".file") ? " as a tree (it is a file source; use file())" : "");
        }
        Path p = Paths.get(t);
        if (!Files.isDirectory(p)) {
            throw new FirmwareException("The prepared tree of source '" + sourceName + "' (" + p + ") is gone, "
                    + "perhaps pruned from the cache; run mvn firmware:fetch-sources again");
        }
        return p;
    }

    /** A source's tree with its fingerprint and version, as the builds take it. */
    public PreparedSource prepared(String sourceName) throws FirmwareException {
        return new PreparedSource(sourceName, tree(sourceName), fingerprint(sourceName),
                property(sourceName, "version"));
    }

    /** The placed file of a file-kind source. */
    public Path file(String sourceName) throws FirmwareException {
        String f = props.getProperty(sourceName + ".file");
        if (f == null) {
            throw missing(sourceName, " as a file");
        }
        return Paths.get(f);
    }

    /** A digest that changes whenever the source's pinned content or patches change. */
    public String fingerprint(String sourceName) throws FirmwareException {
        String f = props.getProperty(sourceName + ".fingerprint");
        if (f == null) {
            throw missing(sourceName, "");
        }
        return f;
    }

    /** The declared URLs, in the order they are tried; empty for overrides without any. */
    public List<String> urls(String sourceName) {
        return split(props.getProperty(sourceName + ".urls"));
    }

    /** The patches applied to the source's tree, in the order they applied. */
    public List<Path> patches(String sourceName) {
        List<Path> result = new ArrayList<>();
        for (String p : split(props.getProperty(sourceName + ".patches"))) {
            result.add(Paths.get(p));
        }
        return result;
    }

    /** The downloaded file in the download cache (archive or file sources), if there is one. */
    public Path archive(String sourceName) {
        String a = props.getProperty(sourceName + ".archive");
        return a == null ? null : Paths.get(a);
    }

    /** The fingerprint of the primary key whose signature of the source verified, or null if none was checked. */
    public String signer(String sourceName) {
        return props.getProperty(sourceName + ".signer");
    }

    private static List<String> split(String joined) {
        List<String> result = new ArrayList<>();
        if (joined != null) {
            for (String s : joined.split("\n")) {
                if (!s.isEmpty()) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    public String property(String sourceName, String key) {
        return props.getProperty(sourceName + "." + key);
    }

    void put(String sourceName, String key, String value) {
        if (value != null) {
            props.setProperty(sourceName + "." + key, value);
        }
    }

    private FirmwareException missing(String sourceName, String how) {
        return new FirmwareException("Source '" + sourceName + "' is not prepared" + how + " in " + file
                + ". Declare it in the plugin's <sources> and run the fetch-sources goal "
                + "(mvn firmware:fetch-sources, bound to generate-sources) before this goal.");
    }

    void write() throws IOException {
        if (read(file.getParent()).props.equals(props)) {
            return; // a no-op fetch-sources leaves the registry (and its time stamp comment) as it was
        }
        AtomicFiles.store(file, props, "written by firmware:fetch-sources; read by the later goals");
    }
}
