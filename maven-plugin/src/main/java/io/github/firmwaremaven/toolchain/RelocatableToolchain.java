package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A copy of an external cross toolchain (Debian's {@code gcc-aarch64-linux-gnu}, a vendor tarball)
 * that works from any directory, so a board can publish the exact compiler it used and another
 * machine can build with it in artifact mode.
 *
 * <p>GCC finds cc1, as, ld, its headers and the C library relative to its own binary when they sit
 * under its configured prefix (the "bin/.." computations visible in {@code gcc -v}). So the copy
 * keeps every file's path relative to the prefix: {@code bin/<prefix>*}, gcc's private directory,
 * the target directory {@code <prefix>/<triple>} and the sysroot. What the compiler reports it would
 * use is collected by asking it; then the copy is asked the same questions and every answer must
 * point inside the copy, otherwise nothing is cached. A toolchain that needs files outside its prefix
 * (the host's native gcc, whose C library is the host's) is refused with the reason.
 */
public final class RelocatableToolchain {
    /** Cache kind of the copies, keyed by the toolchain's identity. */
    public static final String CACHE_KIND = "toolchain-copy";

    // Tools a firmware build calls; large extras (lto-dump, gold, dwp, gcov, gprof) stay out.
    private static final List<String> TOOLS = List.of("gcc", "cc", "cpp", "g++", "c++", "as", "ld", "ld.bfd", "ar",
            "nm", "objcopy", "objdump", "ranlib", "readelf", "strip", "size", "strings", "addr2line", "c++filt",
            "elfedit", "gcc-ar", "gcc-nm", "gcc-ranlib");

    private RelocatableToolchain() {}

    /**
     * The relocatable copy of {@code toolchain}, made once per identity in the build cache.
     *
     * @param gcc the compiler binary as found (on PATH or in the toolchain's bin directory)
     * @param env the environment the compiler was validated with
     */
    public static Path obtain(Toolchain toolchain, Path gcc, Map<String, String> env, StepMachine steps,
            String hostArch, BuildLog log) throws Exception {
        String name = toolchain.name();
        if (toolchain.prefix().isEmpty()) {
            throw new FirmwareException("Toolchain '" + name + "' is the host's own gcc; it cannot be published "
                    + "because its C library is the host's. Publish a cross toolchain (a <prefix> such as "
                    + "x86_64-linux-gnu- or aarch64-linux-gnu-) or one built from <source>.");
        }
        Path bin = gcc.toAbsolutePath().getParent();
        Path top = bin.getParent();
        if (!bin.getFileName().toString().equals("bin") || top == null) {
            throw new FirmwareException("Toolchain '" + name + "': " + gcc + " is not in a bin/ directory, so its "
                    + "prefix (the directory above bin/) is unknown and it cannot be copied. Point <directory> at "
                    + "a toolchain laid out as <top>/bin/" + toolchain.prefix() + "gcc.");
        }
        List<Path> roots = roots(name, gcc, env, top, toolchain);
        List<Path> tools = tools(bin, toolchain.prefix());
        return steps.run(Step.named("toolchain-" + name + "-relocatable")
                .inputs(f -> f.param("identity", toolchain.identity()).param("host", hostArch))
                .timeless()
                .sharedInPlace(CACHE_KIND)
                .action(ctx -> {
            Path dir = Files.createDirectories(ctx.sharedDirectory());
            log.info("Toolchain '" + name + "': copying " + top + " (" + roots.size() + " directories, "
                    + tools.size() + " tools) into a relocatable tree");
            for (Path root : roots) {
                copyTree(top, root, dir);
            }
            for (Path tool : tools) {
                copyEntry(top, tool, dir);
            }
            ToolchainArchive.writeMetadata(dir, toolchain.triple(), toolchain.prefix(), hostArch);
            Path copiedGcc = dir.resolve(top.relativize(gcc.toAbsolutePath()));
            checkInside(name, copiedGcc, ExternalToolchain.environment(env.getOrDefault("PATH", "/usr/bin:/bin"),
                    null), dir, toolchain);
        }).build()).directory();
    }

    /**
     * The directories the compiler uses, as it reports them, reduced to the outermost ones. Each must
     * be under {@code top}; the message names the first that is not.
     */
    static List<Path> roots(String name, Path gcc, Map<String, String> env, Path top, Toolchain toolchain)
            throws Exception {
        List<Path> used = new ArrayList<>();
        for (Path p : reported(name, gcc, env, toolchain)) {
            Path normal = p.normalize();
            if (!normal.startsWith(top)) {
                throw new FirmwareException("Toolchain '" + name + "' is not relocatable: it uses " + normal
                        + ", outside its prefix " + top + ". Publish a self-contained toolchain (one directory "
                        + "holding bin/, its gcc files and its C library) or build one from <source>.");
            }
            used.add(normal);
        }
        Path tooldir = top.resolve(toolchain.triple());
        if (Files.isDirectory(tooldir)) {
            used.add(tooldir);
        }
        List<Path> outermost = new ArrayList<>();
        for (Path p : new TreeSet<>(used)) {
            if (outermost.stream().noneMatch(p::startsWith) && !p.equals(top)) {
                outermost.add(p);
            }
        }
        return outermost;
    }

    /** What gcc says it would use: cc1's and libgcc's directories, header directories, the C library's. */
    private static List<Path> reported(String name, Path gcc, Map<String, String> env, Toolchain toolchain)
            throws Exception {
        List<Path> dirs = new ArrayList<>();
        dirs.add(parentOf(answer(name, gcc, env, "-print-prog-name=cc1")));
        dirs.add(parentOf(answer(name, gcc, env, "-print-libgcc-file-name")));
        for (String program : List.of("as", "ld")) {
            String a = answer(name, gcc, env, "-print-prog-name=" + program);
            if (a.contains("/")) {
                dirs.add(parentOf(a));
            }
        }
        if (toolchain.cLibrary()) {
            String libc = answer(name, gcc, env, "-print-file-name=libc.a");
            if (libc.contains("/")) {
                dirs.add(parentOf(libc));
            }
        }
        String sysroot = answer(name, gcc, env, "-print-sysroot");
        boolean hostRoot = sysroot.isEmpty() || sysroot.equals("/");
        if (!hostRoot) {
            dirs.add(Paths.get(sysroot));
        }
        for (Path include : includeDirectories(name, gcc, env)) {
            // Debian's cross compilers (--with-sysroot=/) search the host's /usr/include after their own
            // headers; that directory is the sysroot's, not the toolchain's, so it is neither copied nor
            // counted as a leak (every machine has its own, searched last).
            if (!(hostRoot && (include.startsWith("/usr/include") || include.startsWith("/usr/local/include")))) {
                dirs.add(include);
            }
        }
        return dirs;
    }

    /** The {@code #include <...>} search list that {@code gcc -v -E} prints. */
    static List<Path> includeDirectories(String name, Path gcc, Map<String, String> env) throws Exception {
        io.github.firmwaremaven.processes.ShortCommand.Result r = ToolQuery.run(List.of(gcc.toString(), "-v", "-E", "-x", "c", "/dev/null", "-o",
                "/dev/null"), env, null);
        if (!r.ok()) {
            throw new FirmwareException("Toolchain '" + name + "': '" + gcc + " -v -E' failed:\n" + r.output().strip());
        }
        return parseIncludeList(r.output());
    }

    static List<Path> parseIncludeList(String output) {
        List<Path> dirs = new ArrayList<>();
        boolean in = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("#include <...> search starts here:")) {
                in = true;
            } else if (line.startsWith("End of search list.")) {
                in = false;
            } else if (in && line.startsWith(" ")) {
                dirs.add(Paths.get(line.strip()).normalize());
            }
        }
        return dirs;
    }

    /** {@code bin/<prefix><tool>} for every tool present, and what those names link to inside bin/. */
    private static List<Path> tools(Path bin, String prefix) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        for (String tool : TOOLS) {
            Path p = bin.resolve(prefix + tool);
            while (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && found.add(p) && Files.isSymbolicLink(p)) {
                Path next = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                if (!next.getParent().equals(bin)) {
                    break;
                }
                p = next;
            }
        }
        return new ArrayList<>(found);
    }

    private static void copyTree(Path top, Path root, Path into) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.sorted().toList();
        }
        for (Path p : entries) {
            copyEntry(top, p, into);
        }
    }

    /**
     * Copies one entry to the same place relative to {@code top}. A symbolic link stays a link,
     * rewritten relative, when what it names is under {@code top}; otherwise its content is copied.
     */
    private static void copyEntry(Path top, Path p, Path into) throws IOException {
        Path target = into.resolve(top.relativize(p).toString());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(target.getParent());
        if (Files.isSymbolicLink(p)) {
            Path named = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            if (named.startsWith(top) && Files.exists(named)) {
                Files.createSymbolicLink(target, p.getParent().relativize(named));
                if (!Files.exists(into.resolve(top.relativize(named).toString()), LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(named)) {
                        copyTree(top, named, into);
                    } else {
                        copyEntry(top, named, into);
                    }
                }
                return;
            }
            if (!Files.exists(p)) {
                return; // a dangling link in the original (a manual page of a package not installed)
            }
        }
        if (Files.isDirectory(p)) {
            Files.createDirectories(target);
        } else {
            Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Asks the copy what it would use; every answer must be inside the copy. */
    private static void checkInside(String name, Path gcc, Map<String, String> env, Path copy, Toolchain toolchain)
            throws Exception {
        Path root = copy.toRealPath();
        for (Path answer : reported(name, gcc, env, toolchain)) {
            Path normal = answer.normalize();
            Path real = Files.exists(normal) ? normal.toRealPath() : normal;
            if (!real.startsWith(root)) {
                throw new FirmwareException("Toolchain '" + name + "': the relocated copy in " + copy + " still uses "
                        + normal + " (outside the copy), so it would not work on another machine. The toolchain "
                        + "was probably configured with absolute paths (--with-sysroot, --with-native-system-header-dir);"
                        + " publish a toolchain built from <source> instead.");
            }
        }
    }

    private static String answer(String name, Path gcc, Map<String, String> env, String option) throws Exception {
        io.github.firmwaremaven.processes.ShortCommand.Result r = ToolQuery.run(List.of(gcc.toString(), option), env, null);
        if (!r.ok()) {
            throw new FirmwareException("Toolchain '" + name + "': '" + gcc + " " + option + "' failed:\n"
                    + r.output().strip());
        }
        return r.firstLine();
    }

    private static Path parentOf(String file) {
        return Paths.get(file).normalize().getParent();
    }
}
