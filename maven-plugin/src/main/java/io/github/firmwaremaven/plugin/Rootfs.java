package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code <rootfs>} of the plugin configuration: userland packages built into the staging tree. */
public class Rootfs {
    /** The toolchain (from {@code <toolchains>}) that builds the packages, statically. */
    String toolchain = "target";
    List<RootfsPackageConfig> packages = new ArrayList<>();

    /** The packages as the core builds them, their trees from fetch-sources' registry. */
    List<RootfsPackage> packages(SourceRegistry sources) throws FirmwareException {
        List<RootfsPackage> result = new ArrayList<>();
        for (RootfsPackageConfig p : packages) {
            result.add(toPackage(p, sources));
        }
        return result;
    }

    static RootfsPackage toPackage(RootfsPackageConfig p, SourceRegistry sources) throws FirmwareException {
        if (p.name == null) {
            throw new FirmwareException("A <rootfs><packages><package> has no <name>.");
        }
        String source = p.source != null ? p.source : p.name;
        RootfsPackage.Kind kind;
        try {
            kind = RootfsPackage.Kind.valueOf(p.kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FirmwareException("Package " + p.name + ": <kind>" + p.kind + "</kind> is not kconfig or "
                    + "autotools.");
        }
        return new RootfsPackage(p.name, kind, sources.tree(source), sources.fingerprint(source),
                p.fragments.stream().map(File::toPath).collect(Collectors.toList()), p.configureArgs, p.makeArgs);
    }
}
