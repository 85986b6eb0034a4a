package io.github.firmwaremaven.host;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.processes.HostPath;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the host before anything runs, and reports every missing tool of the board in one message
 * with the packages to install, rather than failing an hour into a build on the first one.
 */
public final class HostCheck {
    /** What each part of a board needs; names are the parts a board can configure. */
    public static final Map<String, List<HostRequirement>> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("sources", needs().commands("patch", "git").list());
        COMPONENTS.put("toolchain-source", needs().commands("make", "gcc", "g++").command("makeinfo", "texinfo")
                .commands("rsync")
                // Debian installs gmp.h in the multiarch include directory, not /usr/include.
                .file("/usr/include/" + multiarch() + "/gmp.h", "libgmp-dev")
                .file("/usr/include/mpfr.h", "libmpfr-dev")
                .file("/usr/include/mpc.h", "libmpc-dev").list());
        COMPONENTS.put("rootfs", needs().commands("make", "gcc").list());
        COMPONENTS.put("kernel", needs().commands("make", "gcc", "flex", "bison", "bc", "perl", "rsync")
                .file("/usr/include/libelf.h", "libelf-dev")
                .file("/usr/include/openssl/opensslv.h", "libssl-dev").list());
        COMPONENTS.put("coreboot", needs().commands("make", "gcc", "flex", "bison").command("iasl", "acpica-tools")
                .commands("python3", "m4").list());
        COMPONENTS.put("ovmf", needs().commands("make", "gcc", "g++", "nasm").command("iasl", "acpica-tools")
                .commands("python3").file("/usr/include/uuid/uuid.h", "uuid-dev").list());
        COMPONENTS.put("qemu-x86_64", needs().command("qemu-system-x86_64", "qemu-system-x86").list());
        COMPONENTS.put("qemu-aarch64", needs().command("qemu-system-aarch64", "qemu-system-arm").list());
    }

    /** One component's requirements, in the order they are listed. */
    private static final class Needs {
        private final List<HostRequirement> list = new ArrayList<>();

        /** Commands whose Debian package bears the command's own name. */
        Needs commands(String... names) {
            for (String name : names) {
                command(name, name);
            }
            return this;
        }

        Needs command(String name, String debianPackage) {
            list.add(HostRequirement.command(name, debianPackage));
            return this;
        }

        Needs file(String path, String debianPackage) {
            list.add(HostRequirement.file(path, debianPackage));
            return this;
        }

        List<HostRequirement> list() {
            return List.copyOf(list);
        }
    }

    private static Needs needs() {
        return new Needs();
    }

    private HostCheck() {}

    /** Debian's multiarch triple of this JVM's architecture (x86_64-linux-gnu, aarch64-linux-gnu, ...). */
    static String multiarch() {
        String arch = System.getProperty("os.arch");
        switch (arch) {
            case "amd64": case "x86_64": return "x86_64-linux-gnu";
            case "x86": case "i386": case "i686": return "i386-linux-gnu";
            default: return arch + "-linux-gnu";
        }
    }

    /**
     * @param components parts of the board (keys of {@link #COMPONENTS})
     * @param extraCommands commands the board names itself (e.g. a cross prefix's gcc)
     * @param searchPath the PATH to look commands up in
     * @param osName the host's os.name
     * @return the requirements checked
     */
    public static List<HostRequirement> check(Set<String> components, List<HostRequirement> extraCommands,
            String searchPath, String osName) throws FirmwareException {
        List<HostRequirement> wanted = requirements(components, extraCommands, osName);
        String report = report(missing(wanted, searchPath));
        if (report != null) {
            throw new FirmwareException(report);
        }
        return wanted;
    }

    /** Every requirement of the parts and extra commands, each tool once. */
    public static List<HostRequirement> requirements(Set<String> components, List<HostRequirement> extraCommands,
            String osName) throws FirmwareException {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            throw new FirmwareException("This host runs " + osName + "; firmware-maven-plugin builds only on Linux "
                    + "hosts (the kernel, coreboot and EDK2 builds need a Linux userland). Use a Linux machine, "
                    + "VM or container.");
        }
        // Keyed by kind and name: each tool is looked up once, whichever parts need it.
        Map<String, HostRequirement> wanted = new LinkedHashMap<>();
        for (String component : components) {
            List<HostRequirement> reqs = COMPONENTS.get(component);
            if (reqs == null) {
                throw new FirmwareException("There is no board part '" + component + "' to check the host for; "
                        + "valid: " + String.join(", ", COMPONENTS.keySet()));
            }
            for (HostRequirement r : reqs) {
                wanted.putIfAbsent(r.kind() + ":" + r.name(), r);
            }
        }
        for (HostRequirement r : extraCommands) {
            wanted.putIfAbsent(r.kind() + ":" + r.name(), r);
        }
        return new ArrayList<>(wanted.values());
    }

    /** The requirements this host does not meet. */
    public static List<HostRequirement> missing(List<HostRequirement> wanted, String searchPath) {
        List<HostRequirement> missing = new ArrayList<>();
        for (HostRequirement r : wanted) {
            boolean present = r.kind() == HostRequirement.Kind.COMMAND
                    ? HostPath.which(r.name(), searchPath) != null
                    : Files.exists(Paths.get(r.name()));
            if (!present) {
                missing.add(r);
            }
        }
        return missing;
    }

    /** The message naming each missing tool and the packages to install; null when nothing is missing. */
    public static String report(List<HostRequirement> missing) {
        if (missing.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("This host lacks " + missing.size() + " tool(s) the board needs:\n");
        Set<String> packages = new TreeSet<>();
        for (HostRequirement r : missing) {
            sb.append("  - ").append(r.kind() == HostRequirement.Kind.COMMAND ? "command " : "file ")
                    .append(r.name()).append(" (Debian package ").append(r.debianPackage()).append(")\n");
            packages.add(r.debianPackage());
        }
        sb.append("Install them with: sudo apt-get install -y ").append(String.join(" ", packages));
        return sb.toString();
    }
}
