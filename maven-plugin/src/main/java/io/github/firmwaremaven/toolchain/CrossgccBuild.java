package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.HostEnvironment;
import io.github.firmwaremaven.steps.Fingerprint;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.ToolIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mode 4: coreboot's own cross compiler ({@code make crossgcc-<arch>}: {@code build-<arch>} and
 * {@code build_iasl} in util/crossgcc), built offline from tarballs that fetch-sources downloaded.
 * buildgcc looks in util/crossgcc/tarballs before it downloads, so the tarballs are placed there under
 * the names buildgcc pins, in a private copy of util/crossgcc (buildgcc writes beside itself; the
 * shared extracted coreboot tree stays untouched). buildgcc still checks each against its own
 * sum/*.cksum; we check the same sums first, so a wrong version fails before anything is built.
 *
 * <p>Like a source-built toolchain, the result is kept in the build cache by fingerprint (coreboot's
 * source, every tarball's source, the arch, the host gcc) and published as a toolchain archive.
 */
public final class CrossgccBuild {
    /** Bumped when the way we drive buildgcc changes what it produces. */
    static final String VERSION = "1";

    /**
     * What the board declares.
     *
     * @param coreboot the board's source holding the coreboot tree
     * @param arch crossgcc's architecture name: i386, x64, arm, aarch64, riscv, ppc64, nds32le
     * @param tarballs buildgcc package (GMP, MPFR, MPC, BINUTILS, GCC, IASL, NASM...) to the board's source
     *     whose downloaded file is that package's tarball
     */
    public record Request(String name, String coreboot, String arch, Map<String, String> tarballs) {
        public Request {
            tarballs = Map.copyOf(tarballs);
        }
    }

    /** One tarball to place: the board's source and its downloaded file, and the name buildgcc looks for. */
    public record Tarball(String pkg, String source, Path file, String pinnedName) {}

    private CrossgccBuild() {}

    /**
     * Parses {@code <tarballs>} entries: {@code gmp} (the source named gmp is buildgcc's GMP) or
     * {@code GCC=coreboot-gcc} (package GCC from the source named coreboot-gcc).
     */
    public static Map<String, String> parseTarballs(List<String> entries) throws FirmwareException {
        Map<String, String> result = new LinkedHashMap<>();
        for (String raw : entries) {
            for (String entry : raw.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                String pkg = (eq < 0 ? e : e.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
                String source = (eq < 0 ? e : e.substring(eq + 1)).trim();
                if (pkg.isEmpty() || source.isEmpty() || result.put(pkg, source) != null) {
                    throw new FirmwareException("<crossgcc><tarballs>: '" + e + "' must be a source name (gmp) or "
                            + "PACKAGE=source (GCC=coreboot-gcc), each package once.");
                }
            }
        }
        return result;
    }

    /** buildgcc's version variables (GCC_VERSION=11.2.0 ...), read from buildgcc itself. */
    public static Map<String, String> pinnedVersions(Path buildgcc) throws IOException {
        String text = Files.readString(buildgcc, StandardCharsets.UTF_8);
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher v = Pattern.compile("(?m)^([A-Z_]+_VERSION)=\"?([^\"\\s]+)\"?").matcher(text);
        while (v.find()) {
            versions.putIfAbsent(v.group(1), v.group(2));
        }
        return versions;
    }

    /** The archive URLs buildgcc pins, by package (GCC, BINUTILS, GMP...), with versions filled in. */
    public static Map<String, String> pinnedUrls(Path buildgcc) throws IOException {
        String text = Files.readString(buildgcc, StandardCharsets.UTF_8);
        Map<String, String> versions = pinnedVersions(buildgcc);
        Map<String, String> urls = new LinkedHashMap<>();
        Matcher a = Pattern.compile("(?m)^([A-Z]+)_ARCHIVE=\"([^\"]+)\"").matcher(text);
        while (a.find()) {
            String url = a.group(2);
            for (Map.Entry<String, String> e : versions.entrySet()) {
                // buildgcc also writes ${CMAKE_VERSION%.*}: the version without its last component.
                String shorter = e.getValue().contains(".") ? e.getValue().substring(0, e.getValue().lastIndexOf('.'))
                        : e.getValue();
                url = url.replace("${" + e.getKey() + "}", e.getValue()).replace("${" + e.getKey() + "%.*}", shorter);
            }
            urls.put(a.group(1), url);
        }
        return urls;
    }

    /** The archive file names buildgcc pins, by package: what it looks for in tarballs/. */
    public static Map<String, String> pinnedArchives(Path buildgcc) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        pinnedUrls(buildgcc).forEach((pkg, url) -> names.put(pkg, url.substring(url.lastIndexOf('/') + 1)));
        return names;
    }

    /** What crossgcc-&lt;arch&gt; builds: buildgcc's GCC package set, iasl, and nasm on x86 (build-i386/x64). */
    public static List<String> requiredPackages(String arch) {
        List<String> names = new ArrayList<>(List.of("GMP", "MPFR", "MPC", "BINUTILS", "GCC", "IASL"));
        if (arch.equals("i386") || arch.equals("x64")) {
            names.add("NASM");
        }
        return names;
    }

    /**
     * The tarballs to place, in package order. Every package crossgcc-&lt;arch&gt; needs must come
     * from a declared source; one failure names each missing tarball with the version buildgcc pins.
     */
    public static List<Tarball> tarballs(Request r, Path corebootTree, SourceTrees trees)
            throws IOException, FirmwareException {
        Path buildgcc = corebootTree.resolve("util/crossgcc/buildgcc");
        if (!Files.isRegularFile(buildgcc)) {
            throw new FirmwareException("Source '" + r.coreboot() + "' (" + corebootTree + ") has no "
                    + "util/crossgcc/buildgcc: <crossgcc><coreboot> must name the board's coreboot source.");
        }
        Map<String, String> urls = pinnedUrls(buildgcc);
        Map<String, String> names = pinnedArchives(buildgcc);
        Map<String, String> versions = pinnedVersions(buildgcc);
        for (String pkg : r.tarballs().keySet()) {
            if (!names.containsKey(pkg)) {
                throw new FirmwareException("<crossgcc><tarballs> names package " + pkg + ", which this coreboot's "
                        + "buildgcc does not pin; its packages: " + String.join(", ", names.keySet()) + ".");
            }
        }
        List<Tarball> result = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>(requiredPackages(r.arch()));
        r.tarballs().keySet().stream().filter(p -> !packages.contains(p)).sorted().forEach(packages::add);
        for (String pkg : packages) {
            String source = r.tarballs().get(pkg);
            if (source == null) {
                String version = versions.get(pkg + "_VERSION");
                missing.add("  " + pkg + ": " + names.get(pkg) + (version == null ? "" : " (buildgcc pins "
                        + pkg + "_VERSION=" + version + ")") + " from " + urls.get(pkg));
                continue;
            }
            result.add(new Tarball(pkg, source, trees.file(source), names.get(pkg)));
        }
        if (!missing.isEmpty()) {
            throw new FirmwareException("coreboot's crossgcc-" + r.arch() + " (toolchain '" + r.name() + "') needs "
                    + "exactly the tarballs its buildgcc pins, and these are not declared:\n"
                    + String.join("\n", missing) + "\nDeclare each as a <source> (<kind>file</kind>, that URL or a "
                    + "mirror, its sha256) and list it in <crossgcc><tarballs> as its lower-case package name "
                    + "(gmp) or PACKAGE=source (GCC=coreboot-gcc). Or use an external toolchain: build-coreboot "
                    + "sets CONFIG_ANY_TOOLCHAIN.");
        }
        return result;
    }

    /** Everything the toolchain's bytes depend on; not the job count or where things are. */
    public static Fingerprint fingerprint(Request r, List<Tarball> tarballs, SourceTrees trees, String hostGcc)
            throws FirmwareException {
        Fingerprint.Builder fp = Fingerprint.builder()
                .param("crossgcc", VERSION)
                .param("arch", r.arch())
                .digest("source:" + r.coreboot(), trees.fingerprint(r.coreboot()))
                .param("targets", String.join(" ", targets(r.arch())))
                .param("hostGcc", hostGcc);
        for (Tarball t : tarballs) {
            fp.digest("tarball:" + t.pkg() + ":" + t.pinnedName(), trees.fingerprint(t.source()));
        }
        return fp.build();
    }

    private static List<String> targets(String arch) {
        return List.of("build-" + arch, "build_iasl");
    }

    /** What coreboot's top-level {@code make crossgcc-<arch>} runs, in the private copy, installing into dest. */
    public static List<String> command(String arch, Path crossgccDir, Path dest, int jobs) {
        List<String> cmd = new ArrayList<>(List.of("make", "-C", crossgccDir.toString()));
        cmd.addAll(targets(arch));
        cmd.add("CPUS=" + jobs);
        cmd.add("DEST=" + dest);
        // Plain logs: buildgcc colours its output unless told not to.
        cmd.add("BUILDGCC_OPTIONS=--nocolor");
        return cmd;
    }

    /**
     * buildgcc asks git for its version when CROSSGCC_VERSION is unset; a release tarball is no git
     * tree, and the answer would end up in gcc's --version. The coreboot version names it instead.
     */
    public static Map<String, String> environment(String corebootVersion, String hostPath) {
        Map<String, String> env = new LinkedHashMap<>(HostEnvironment.base());
        env.put("PATH", hostPath);
        env.put("CROSSGCC_VERSION", "coreboot-" + (corebootVersion == null || corebootVersion.isBlank()
                ? "unknown" : corebootVersion));
        return env;
    }

    /** Copies util/crossgcc (without any tarballs/ or xgcc/ of its own) into {@code crossgccDir}. */
    static void copyCrossgcc(Path corebootTree, Path crossgccDir) throws IOException {
        Path from = corebootTree.resolve("util/crossgcc");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = from.relativize(p).toString();
                if (rel.equals("tarballs") || rel.startsWith("tarballs/") || rel.equals("xgcc")
                        || rel.startsWith("xgcc/")) {
                    continue;
                }
                Path t = crossgccDir.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Puts each tarball into {@code crossgccDir/tarballs} under buildgcc's name: a hard link into the
     * download cache where the file system allows, else a copy.
     */
    static void place(List<Tarball> tarballs, Path crossgccDir) throws IOException {
        Path dir = Files.createDirectories(crossgccDir.resolve("tarballs"));
        for (Tarball t : tarballs) {
            Path target = dir.resolve(t.pinnedName());
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, t.file());
            } catch (IOException | UnsupportedOperationException e) {
                // Another file system than the download cache's, or no hard links there.
                Files.copy(t.file(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Checks each tarball against buildgcc's sum/&lt;file&gt;.cksum (sha1) before the long build: a
     * Debian repack or another version fails here, naming the file and the version buildgcc wants.
     */
    static void checkSums(List<Tarball> tarballs, Path crossgccDir, Map<String, String> versions)
            throws IOException, FirmwareException {
        List<String> wrong = new ArrayList<>();
        for (Tarball t : tarballs) {
            Path sum = crossgccDir.resolve("sum").resolve(t.pinnedName() + ".cksum");
            if (!Files.isRegularFile(sum)) {
                continue;
            }
            Matcher m = Pattern.compile("[0-9a-f]{40,}").matcher(Files.readString(sum, StandardCharsets.UTF_8));
            if (!m.find()) {
                continue;
            }
            String actual = sha1(t.file());
            if (!actual.equals(m.group())) {
                String version = versions.get(t.pkg() + "_VERSION");
                wrong.add("  " + t.pkg() + " from source '" + t.source() + "' (" + t.file().getFileName() + "): sha1 "
                        + actual + ", but buildgcc wants " + t.pinnedName() + (version == null ? "" : " (version "
                        + version + ")") + " with sha1 " + m.group() + " (util/crossgcc/sum/" + sum.getFileName() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new FirmwareException("These tarballs are not the ones coreboot's buildgcc pins:\n"
                    + String.join("\n", wrong) + "\nDeclare the upstream tarball of exactly that version (a "
                    + "distribution's repacked orig tarball has other bytes).");
        }
    }

    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The toolchain's prefix in the cache, built first when absent.
     *
     * @param workRoot where the private util/crossgcc and the install are kept until the build succeeds
     * @param buildArea the board's {@code target/firmware}: logs and the step report go there
     */
    public static Path obtain(Request r, SourceTrees trees, StepMachine steps, Path workRoot, Path buildArea,
            String hostPath, String hostArch, BuildLog log) throws Exception {
        Path tree = trees.tree(r.coreboot());
        String triple = CrossgccArchitectures.triple(r.arch());
        List<Tarball> tarballs = tarballs(r, tree, trees);
        Fingerprint fp = fingerprint(r, tarballs, trees, ToolIdentity.of("gcc", hostPath));
        String key = SourceToolchainBuild.cacheKey(triple, fp);
        Path work = workRoot.resolve(SourceToolchainBuild.CACHE_KIND).resolve(key);
        Path crossgcc = work.resolve("crossgcc");
        Path prefix = work.resolve("prefix");
        Map<String, String> versions = pinnedVersions(tree.resolve("util/crossgcc/buildgcc"));
        String version = trees.version(r.coreboot());
        return steps.run(Step.named("toolchain-" + r.name())
                .inputs(f -> f.upstream("toolchain", fp))
                .timeless()
                .sharedInPlace(SourceToolchainBuild.CACHE_KIND)
                .reads(tree)
                .action(outer -> {
            log.info("Toolchain '" + r.name() + "': building coreboot's crossgcc-" + r.arch() + " (" + triple + ", gcc "
                    + versions.getOrDefault("GCC_VERSION", "?") + ") from " + tarballs.size() + " fetched tarballs. "
                    + "Built once per sources and host compiler, for every board. Logs: " + buildArea.resolve("logs"));
            Path dir = Files.createDirectories(outer.sharedDirectory());
            steps.run(Step.named("toolchain-" + r.name() + "-crossgcc")
                    .stateIn(work.resolve("state"))
                    .inputs(f -> f.upstream("toolchain", fp).tool("make", hostPath))
                    .workArea(crossgcc)
                    .workArea(prefix)
                    .output(prefix.resolve("bin").resolve(triple + "-gcc"))
                    .action(ctx -> {
                        copyCrossgcc(tree, crossgcc);
                        place(tarballs, crossgcc);
                        checkSums(tarballs, crossgcc, versions);
                        ctx.run(ctx.command(command(r.arch(), crossgcc, prefix,
                                Runtime.getRuntime().availableProcessors()), crossgcc)
                                .env(environment(version, hostPath)).build());
                    })
                    .build());
            ToolchainArchive.writeMetadata(prefix, triple, triple + "-", hostArch);
            try (Stream<Path> s = Files.list(prefix)) {
                for (Path c : (Iterable<Path>) s.sorted()::iterator) {
                    Files.move(c, dir.resolve(c.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            TreeDelete.delete(work);
        }).build()).directory();
    }
}
