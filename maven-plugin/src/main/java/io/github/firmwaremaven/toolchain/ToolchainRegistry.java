package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The toolchains build-toolchain resolved, in {@code target/firmware/toolchains.properties}, read by
 * every goal that compiles.
 */
public final class ToolchainRegistry {
    public static final String FILE_NAME = "toolchains.properties";
    private final Map<String, Toolchain> toolchains;

    private ToolchainRegistry(Map<String, Toolchain> toolchains) {
        this.toolchains = toolchains;
    }

    public static void write(Path firmwareBuildArea, Collection<Toolchain> toolchains) throws IOException {
        Properties p = new Properties();
        for (Toolchain t : toolchains) {
            p.setProperty(t.name() + ".triple", t.triple());
            p.setProperty(t.name() + ".prefix", t.prefix());
            p.setProperty(t.name() + ".identity", t.identity());
            p.setProperty(t.name() + ".cLibrary", Boolean.toString(t.cLibrary()));
            if (t.binDir() != null) {
                p.setProperty(t.name() + ".binDir", t.binDir().toString());
            }
            if (t.sysroot() != null) {
                p.setProperty(t.name() + ".sysroot", t.sysroot().toString());
            }
        }
        AtomicFiles.store(firmwareBuildArea.resolve(FILE_NAME), p, null);
    }

    public static ToolchainRegistry read(Path firmwareBuildArea) throws IOException {
        Properties p = AtomicFiles.load(firmwareBuildArea.resolve(FILE_NAME));
        Map<String, Toolchain> map = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!key.endsWith(".triple")) {
                continue;
            }
            String name = key.substring(0, key.length() - ".triple".length());
            String bin = p.getProperty(name + ".binDir");
            String sys = p.getProperty(name + ".sysroot");
            map.put(name, new Toolchain(name, p.getProperty(key), p.getProperty(name + ".prefix", ""),
                    bin == null ? null : Paths.get(bin), sys == null ? null : Paths.get(sys),
                    p.getProperty(name + ".identity", ""),
                    Boolean.parseBoolean(p.getProperty(name + ".cLibrary", "true"))));
        }
        return new ToolchainRegistry(map);
    }

    /** The named toolchain; the message says how to declare it when the board has none by that name. */
    public Toolchain get(String name) throws FirmwareException {
        Toolchain t = toolchains.get(name);
        if (t == null) {
            throw new FirmwareException("No toolchain named '" + name + "' was resolved (known: "
                    + (toolchains.isEmpty() ? "none" : String.join(", ", toolchains.keySet()))
                    + "). Declare it under <toolchains> in the plugin configuration and run the build-toolchain "
                    + "goal (it runs in process-sources) before this one.");
        }
        return t;
    }

    public Collection<Toolchain> all() {
        return toolchains.values();
    }
}
