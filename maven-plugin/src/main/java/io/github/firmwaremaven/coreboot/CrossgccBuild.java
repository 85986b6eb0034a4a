package io.github.firmwaremaven.coreboot;

import io.github.firmwaremaven.steps.FirmwareException;
import io.github.firmwaremaven.steps.Step;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.steps.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * coreboot's own cross compiler ({@code make crossgcc-<arch>}), built offline from tarballs that
 * fetch-sources fetched: buildgcc looks in util/crossgcc/tarballs first, so they are placed there
 * (in a private copy of util/crossgcc, since buildgcc writes beside itself) and it never downloads;
 * it still checks each against its own sum/*.cksum.
 * It needs the exact versions buildgcc pins; a missing one fails before anything runs, naming it.
 */
public final class CrossgccBuild {
    /** What the board declares. */
    public record Spec(Path corebootSource, String sourceFingerprint, String arch, List<Path> tarballs,
            Path workDir, Path dest, int jobs) {}

    private final Spec spec;

    public CrossgccBuild(Spec spec) {
        this.spec = spec;
    }

    public Path crossgccDir() {
        return spec.workDir().resolve("crossgcc");
    }

    /** The make target of coreboot's top-level crossgcc-&lt;arch&gt;, run in the private copy. */
    public List<String> command() {
        return List.of("make", "-C", crossgccDir().toString(), "build-" + spec.arch(), "build_iasl",
                "CPUS=" + spec.jobs(), "DEST=" + spec.dest());
    }

    /** The archive file names buildgcc pins, by package (GCC, BINUTILS, GMP...), read from buildgcc itself. */
    public static Map<String, String> pinnedArchives(Path buildgcc) throws IOException {
        String text = Files.readString(buildgcc, StandardCharsets.UTF_8);
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher v = Pattern.compile("(?m)^([A-Z_]+_VERSION)=\"?([^\"\\s]+)\"?").matcher(text);
        while (v.find()) {
            versions.putIfAbsent(v.group(1), v.group(2));
        }
        Map<String, String> archives = new LinkedHashMap<>();
        Matcher a = Pattern.compile("(?m)^([A-Z]+)_ARCHIVE=\"([^\"]+)\"").matcher(text);
        while (a.find()) {
            String url = a.group(2);
            for (Map.Entry<String, String> e : versions.entrySet()) {
                url = url.replace("${" + e.getKey() + "}", e.getValue());
            }
            archives.put(a.group(1), url.substring(url.lastIndexOf('/') + 1));
        }
        return archives;
    }

    /** What crossgcc-&lt;arch&gt; plus iasl need: the GNU toolchain, its libraries, iasl, and nasm on x86. */
    public List<String> required() throws IOException {
        Map<String, String> pinned = pinnedArchives(spec.corebootSource().resolve("util/crossgcc/buildgcc"));
        List<String> names = new ArrayList<>(List.of("GMP", "MPFR", "MPC", "GCC", "BINUTILS", "IASL"));
        if (spec.arch().equals("i386") || spec.arch().equals("x64")) {
            names.add("NASM");
        }
        List<String> files = new ArrayList<>();
        for (String n : names) {
            if (pinned.containsKey(n)) {
                files.add(pinned.get(n));
            }
        }
        return files;
    }

    /** Fails naming every pinned tarball that was not declared, with the version coreboot wants. */
    public void checkTarballs() throws IOException, FirmwareException {
        List<String> have = spec.tarballs().stream().map(p -> p.getFileName().toString()).toList();
        List<String> missing = required().stream().filter(f -> !have.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new FirmwareException("coreboot's crossgcc needs exactly the tarballs its buildgcc pins; not "
                    + "declared as sources: " + String.join(", ", missing) + ". Add them to <sources> (kind file) "
                    + "with these file names, or use an external toolchain (CONFIG_ANY_TOOLCHAIN).");
        }
    }

    /** Copies util/crossgcc and places the tarballs into its tarballs/ directory. */
    public void prepare() throws IOException {
        Path from = spec.corebootSource().resolve("util/crossgcc");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = crossgccDir().resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path tarballs = Files.createDirectories(crossgccDir().resolve("tarballs"));
        for (Path t : spec.tarballs()) {
            Files.copy(t, tarballs.resolve(t.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public StepResult run(StepMachine machine) throws Exception {
        checkTarballs();
        return machine.run(Step.named("coreboot-crossgcc-" + spec.arch())
                .inputs(fp -> {
                    fp.digest("source", spec.sourceFingerprint());
                    for (Path t : spec.tarballs()) {
                        fp.file("tarball:" + t.getFileName(), t);
                    }
                    fp.param("command", String.join(" ", command()));
                })
                .workArea(spec.workDir())
                .output(spec.dest().resolve("bin"))
                .action(ctx -> {
                    prepare();
                    ctx.run(ctx.command(command(), crossgccDir()).build());
                })
                .build());
    }
}
