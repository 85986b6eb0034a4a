package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.HostEnvironment;
import io.github.firmwaremaven.processes.HostPath;
import io.github.firmwaremaven.steps.DigestMemo;
import io.github.firmwaremaven.steps.ToolIdentity;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Mode 1, an installed compiler: a prefix on PATH ({@code aarch64-linux-gnu-}; empty for the host's
 * gcc) or a directory holding {@code bin/<prefix>gcc}. Also the last check of modes 2 and 3, whose
 * results are directories too. Validation proves the toolchain before any goal spends minutes on it:
 * the driver exists, {@code -dumpmachine} fits the declared target, and a test program compiles and
 * links.
 */
public final class ExternalToolchain {
    /** How far the test program got: a C library to link statically, dynamically, or none. */
    public enum Linkage {
        STATIC,
        DYNAMIC,
        /** No C library: enough for kernels, coreboot and EDK2, not for userland. */
        FREESTANDING
    }

    /** A validated toolchain and what its test link showed. */
    public record Validated(Toolchain toolchain, Linkage linkage, Path gcc) {}

    private ExternalToolchain() {}

    /**
     * @param name the board's name for the toolchain
     * @param target the declared target: an architecture (aarch64, x86_64, i686) or a triple; null or
     *     empty accepts whatever the compiler targets (the host toolchain)
     * @param prefix the tool prefix; null or empty for the host gcc, or to detect it in {@code directory}
     * @param directory a toolchain's top directory (or its bin directory), or null to use PATH
     * @param searchPath the PATH to search
     * @param scratch a directory for the test compile (created and removed)
     * @param steps runs the test compile as the step {@code toolchain-<name>-check}
     */
    public static Validated validate(String name, String target, String prefix, Path directory, String searchPath,
            Path scratch, StepMachine steps, BuildLog log) throws Exception {
        String p = prefix == null ? "" : prefix.trim();
        Path binDir = null;
        if (directory != null) {
            binDir = Files.isDirectory(directory.resolve("bin")) ? directory.resolve("bin") : directory;
            if (!Files.isDirectory(binDir)) {
                throw new FirmwareException("Toolchain '" + name + "': directory " + directory + " does not exist; "
                        + "point <directory> at the toolchain's top directory (the one holding bin/" + p + "gcc).");
            }
            if (p.isEmpty()) {
                p = detectPrefix(binDir);
            }
        }
        Path gcc = binDir != null ? binDir.resolve(p + "gcc") : HostPath.which(p + "gcc", searchPath);
        if (gcc == null || !Files.isExecutable(gcc)) {
            String pkg = DebianPackages.compiler(p);
            String where = binDir != null ? "in " + binDir : "on PATH";
            throw new FirmwareException("Toolchain '" + name + "': the C compiler " + p + "gcc is not " + where
                    + ". It comes from the Debian package " + pkg + "; " + DebianPackages.installAdvice(pkg)
                    + (binDir != null ? ", or fix <directory>/<prefix> of this toolchain" : "")
                    + " (or change <prefix> of toolchain '" + name + "').");
        }
        Map<String, String> env = environment(searchPath, binDir);
        DigestMemo memo = ToolIdentity.memo(scratch.getParent());
        // A compiled driver's answers follow from its bytes and environment: remembered, they spare a
        // no-op build six process starts (about 30 ms). A wrapper script may ask another compiler each
        // time, so a script is always asked.
        DigestMemo answers = HostPath.isCompiledProgram(gcc) ? memo : null;

        String machine = ask(name, gcc, env, "-dumpmachine", answers);
        if (!fits(target, machine)) {
            throw new FirmwareException("Toolchain '" + name + "': " + gcc + " targets " + machine
                    + " (its -dumpmachine), but the board declares target '" + target + "'. Use a compiler for "
                    + target + " (for Debian's: prefix " + suggestedPrefix(target) + ", package "
                    + DebianPackages.compiler(suggestedPrefix(target)) + ") or correct <target>.");
        }
        String version = ask(name, gcc, env, "--version", answers);
        Path cc1 = program(name, gcc, env, "cc1", p, searchPath, binDir, answers);
        Path as = program(name, gcc, env, "as", p, searchPath, binDir, answers);
        Path ld = program(name, gcc, env, "ld", p, searchPath, binDir, answers);
        String identity = ToolchainIdentity.of(gcc, cc1, as, ld, firstLine(version) + " " + machine, memo);
        Linkage linkage = linkageOf(name, gcc, p, env, scratch, identity, steps);

        String sysrootOut = ask(name, gcc, env, "-print-sysroot", answers);
        memo.save();
        Path sysroot = sysrootOut.isEmpty() || sysrootOut.equals("/") ? null : Paths.get(sysrootOut);
        Toolchain toolchain = new Toolchain(name, machine, p, binDir, sysroot, identity,
                linkage != Linkage.FREESTANDING);
        log.info("Toolchain '" + name + "': " + gcc + " (" + machine + ", " + firstLine(version) + "), test program "
                + describe(linkage) + ", identity " + identity.substring(0, 12));
        if (linkage == Linkage.FREESTANDING) {
            log.info("Toolchain '" + name + "' has no C library: it builds kernels and firmware; a userland for "
                    + machine + " needs " + DebianPackages.libcDev(p) + " or a musl toolchain.");
        }
        return new Validated(toolchain, linkage, gcc);
    }

    /**
     * The test compile, as the step {@code toolchain-<name>-check}: a no-op build should not compile
     * and link a program per toolchain. Its fingerprint is what the test depends on: the compiler's
     * path, size and modification time, and the identity (the digests of gcc, cc1, as and ld, the
     * version and target), so a changed compiler or binutils tests again. The verdict is the step's
     * output, beside the scratch directory.
     */
    private static Linkage linkageOf(String name, Path gcc, String prefix, Map<String, String> env, Path scratch,
            String identity, StepMachine steps) throws Exception {
        Path verdict = checkResult(scratch, name);
        steps.run(Step.named("toolchain-" + name + "-check")
                .timeless()
                .inputs(f -> {
                    BasicFileAttributes a = Files.readAttributes(gcc, BasicFileAttributes.class);
                    f.param("compiler", gcc).param("compiler-file", a.size() + " " + a.lastModifiedTime().toMillis())
                            .digest("identity", identity).param("prefix", prefix);
                })
                .output(verdict)
                .action(ctx -> AtomicFiles.writeString(verdict,
                        testCompile(name, gcc, prefix, env, scratch).name() + "\n"))
                .build());
        try {
            return Linkage.valueOf(Files.readString(verdict, StandardCharsets.UTF_8).trim());
        } catch (IllegalArgumentException e) {
            throw new FirmwareException("Toolchain '" + name + "': " + verdict + " does not hold a test verdict ("
                    + e.getMessage() + "); delete it and build again.");
        }
    }

    /** Where the step {@code toolchain-<name>-check} leaves its verdict. */
    static Path checkResult(Path scratch, String name) {
        return scratch.resolveSibling("toolchain-" + name + ".linkage");
    }

    /** Does a compiler that prints {@code machine} for -dumpmachine fit the declared {@code target}? */
    public static boolean fits(String target, String machine) {
        if (target == null || target.isBlank()) {
            return true;
        }
        String t = target.trim().toLowerCase(Locale.ROOT);
        String m = machine.trim().toLowerCase(Locale.ROOT);
        if (!archFamily(head(t)).equals(archFamily(head(m)))) {
            return false;
        }
        if (t.indexOf('-') < 0) {
            return true;
        }
        // A declared triple also fixes the C library (gnu vs musl); the vendor part may differ.
        return tail(t).equals(tail(m));
    }

    /** The prefix Debian uses for a target, e.g. aarch64 -> aarch64-linux-gnu-. */
    public static String suggestedPrefix(String target) {
        if (target == null || target.isBlank()) {
            return "";
        }
        String t = target.trim();
        if (t.indexOf('-') >= 0) {
            return t + "-";
        }
        String family = archFamily(t.toLowerCase(Locale.ROOT));
        return (family.equals("i686") ? "i686" : family) + "-linux-gnu-";
    }

    static String archFamily(String arch) {
        switch (arch) {
            case "amd64": case "x86-64": return "x86_64";
            case "arm64": return "aarch64";
            case "x86": case "i386": case "i486": case "i586": case "i686": return "i686";
            default: return arch;
        }
    }

    private static String head(String triple) {
        int dash = triple.indexOf('-');
        return dash < 0 ? triple : triple.substring(0, dash);
    }

    private static String tail(String triple) {
        int dash = triple.lastIndexOf('-');
        return dash < 0 ? "" : triple.substring(dash + 1);
    }

    static Map<String, String> environment(String searchPath, Path binDir) {
        Map<String, String> env = HostEnvironment.base();
        env.put("PATH", (binDir != null ? binDir + ":" : "") + searchPath);
        return env;
    }

    /** A toolchain directory with exactly one {@code *-gcc} names its own prefix. */
    private static String detectPrefix(Path binDir) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(binDir)) {
            s.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("-gcc") && Files.isExecutable(binDir.resolve(n)))
                    .sorted().forEach(found::add);
        }
        return found.size() == 1 ? found.get(0).substring(0, found.get(0).length() - "gcc".length()) : "";
    }

    /** gcc's answer to {@code option}, from {@code memo} (null: always asked) when gcc and its environment are unchanged. */
    private static String ask(String name, Path gcc, Map<String, String> env, String option, DigestMemo memo)
            throws IOException, InterruptedException, FirmwareException {
        if (memo == null) {
            return ask(name, gcc, env, option);
        }
        String kind = "answer " + option + " " + io.github.firmwaremaven.steps.Digests.sha256(
                new java.util.TreeMap<>(env).toString()).substring(0, 16);
        String[] failure = {null};
        String answer = memo.remembered(kind, gcc.toRealPath(), () -> {
            try {
                return ask(name, gcc, env, option);
            } catch (FirmwareException e) {
                failure[0] = e.getMessage();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure[0] = "interrupted";
                return null;
            }
        });
        if (answer == null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(option + " of " + gcc);
            }
            throw new FirmwareException(failure[0]);
        }
        return answer;
    }

    private static String ask(String name, Path gcc, Map<String, String> env, String option)
            throws IOException, InterruptedException, FirmwareException {
        io.github.firmwaremaven.processes.ShortCommand.Result r;
        try {
            r = ToolQuery.run(List.of(gcc.toString(), option), env, null);
        } catch (IOException e) {
            throw new FirmwareException("Toolchain '" + name + "': " + gcc + " does not run (" + e.getMessage()
                    + "); is it a compiler for this host?", e);
        }
        if (!r.ok()) {
            throw new FirmwareException("Toolchain '" + name + "': '" + gcc + " " + option + "' failed with exit code "
                    + r.exitCode() + ":\n" + r.output().strip());
        }
        return option.equals("--version") ? r.output().strip() : r.firstLine();
    }

    /** Where gcc runs {@code program} from: its own answer, else {@code <prefix>program} on PATH. */
    private static Path program(String name, Path gcc, Map<String, String> env, String program, String prefix,
            String searchPath, Path binDir, DigestMemo answers) throws IOException, InterruptedException,
            FirmwareException {
        String answer = ask(name, gcc, env, "-print-prog-name=" + program, answers);
        Path found = null;
        if (answer.contains("/")) {
            Path candidate = Paths.get(answer);
            found = Files.isExecutable(candidate) ? candidate : null;
        } else {
            String path = env.get("PATH");
            found = HostPath.which(prefix + program, path);
            if (found == null) {
                found = HostPath.which(program, path);
            }
        }
        if (found == null) {
            boolean binutils = !program.equals("cc1");
            String pkg = binutils ? DebianPackages.binutils(prefix) : DebianPackages.compiler(prefix);
            throw new FirmwareException("Toolchain '" + name + "': " + gcc + " cannot find its "
                    + (binutils ? (program.equals("as") ? "assembler " : "linker ") + prefix + program
                            : "compiler proper cc1")
                    + ". It comes from the Debian package " + pkg + "; " + DebianPackages.installAdvice(pkg) + ".");
        }
        return found;
    }

    /** Compiles and links a tiny program: static if a C library allows it, else dynamic, else freestanding. */
    static Linkage testCompile(String name, Path gcc, String prefix, Map<String, String> env, Path scratch)
            throws IOException, InterruptedException, FirmwareException {
        Files.createDirectories(scratch);
        Path dir = Files.createTempDirectory(scratch, "toolchain-test-");
        try {
            Files.writeString(dir.resolve("probe.c"), "int probe_value = 42;\nint main(void) { return probe_value - 42; }\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("freestanding.c"),
                    "void _start(void) { for (;;) { } }\n", StandardCharsets.UTF_8);
            String g = gcc.toString();
            io.github.firmwaremaven.processes.ShortCommand.Result compile = ToolQuery.run(List.of(g, "-c", "-o", "probe.o", "probe.c"), env, dir);
            if (!compile.ok()) {
                throw new FirmwareException("Toolchain '" + name + "': " + prefix + "gcc cannot compile a test "
                        + "program (exit code " + compile.exitCode() + "):\n" + compile.output().strip()
                        + "\nReinstall " + DebianPackages.compiler(prefix) + " and " + DebianPackages.binutils(prefix)
                        + ", or fix the toolchain directory.");
            }
            if (ToolQuery.run(List.of(g, "-static", "-o", "probe-static", "probe.c"), env, dir).ok()) {
                return Linkage.STATIC;
            }
            io.github.firmwaremaven.processes.ShortCommand.Result dynamic = ToolQuery.run(List.of(g, "-o", "probe-dynamic", "probe.c"), env, dir);
            if (dynamic.ok()) {
                return Linkage.DYNAMIC;
            }
            io.github.firmwaremaven.processes.ShortCommand.Result free = ToolQuery.run(List.of(g, "-ffreestanding", "-nostdlib", "-static", "-o",
                    "probe-freestanding", "freestanding.c"), env, dir);
            if (free.ok()) {
                return Linkage.FREESTANDING;
            }
            throw new FirmwareException("Toolchain '" + name + "': " + prefix + "gcc compiles but cannot link a "
                    + "test program, not even without a C library:\n" + free.output().strip()
                    + "\nThe linker comes from the Debian package " + DebianPackages.binutils(prefix) + "; "
                    + DebianPackages.installAdvice(DebianPackages.binutils(prefix)) + ".");
        } finally {
            TreeDelete.delete(dir);
        }
    }

    private static String describe(Linkage linkage) {
        switch (linkage) {
            case STATIC: return "links statically";
            case DYNAMIC: return "links dynamically";
            default: return "links without a C library";
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
