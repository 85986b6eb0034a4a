package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.processes.HostEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands that build a C cross toolchain for a musl target from source, staged the way
 * musl-cross-make stages it: binutils; Linux headers; gcc's compiler alone; musl's headers; a static
 * libgcc (it needs those headers); musl itself (it links against libgcc); then the rest of gcc.
 * Pure data, so the order, arguments and environment are tested without a 25-minute build.
 *
 * <p>Layout: {@code <prefix>/bin/<triple>-gcc}, sysroot {@code <prefix>/<triple>} with musl and the
 * Linux headers under {@code usr/}. The sysroot lies inside the prefix, which makes gcc and binutils
 * relocatable: the finished prefix is moved into the cache and later unpacked anywhere.
 *
 * @param prefix where the toolchain is installed while it is built
 * @param work where the build directories go (never inside a source tree)
 * @param hostPath PATH for the host tools
 */
public record SourceToolchainPlan(String triple, Sources sources, Path prefix, Path work, List<String> binutilsArgs,
        List<String> gccArgs, int jobs, String hostPath) {
    /** Bump when the stages or their arguments change, so cached toolchains are rebuilt. */
    public static final int VERSION = 2;

    /** Source trees and how the board names them. */
    public record Sources(String binutilsName, Path binutils, String gccName, Path gcc, String muslName, Path musl,
            String linuxName, Path linux) {}

    /** One command of a stage. */
    public record Command(List<String> argv, Path directory, Map<String, String> environment) {}

    /**
     * One stage: a step of its own, so that a killed build resumes at the stage it was in.
     *
     * @param sourceNames the sources whose fingerprints the stage depends on
     * @param workArea the stage's build directory
     * @param output a file the stage must leave behind, or null when its products carry a version in
     *     their path
     */
    public record Stage(String id, List<String> sourceNames, List<Command> commands, Path workArea, Path output) {}

    public SourceToolchainPlan {
        binutilsArgs = List.copyOf(binutilsArgs);
        gccArgs = List.copyOf(gccArgs);
        jobs = Math.max(1, jobs);
    }

    public Path sysroot() {
        return prefix.resolve(triple);
    }

    /** Linux's ARCH for the target. */
    public String linuxArch() {
        return new Toolchain("plan", triple, triple + "-", null, null, "").linuxArch();
    }

    /** Every process of the build: the host's PATH behind the new toolchain's bin directory. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(HostEnvironment.base());
        env.put("PATH", prefix.resolve("bin") + ":" + hostPath);
        // The Debian tarballs lack the GFDL manuals: never try to rebuild documentation.
        env.put("MAKEINFO", "true");
        return env;
    }

    public List<String> binutilsConfigure() {
        return configure(sources.binutils(), List.of("--disable-nls", "--disable-werror", "--disable-gprofng",
                "--disable-multilib"), binutilsArgs);
    }

    public List<String> gccConfigure() {
        return configure(sources.gcc(), List.of(
                // The sysroot lies under the prefix, so gcc treats it as relocatable and the build tree's xgcc
                // looks for it beside itself, where it is not: target libraries (libgcc's stdio.h) need it named.
                "--with-build-sysroot=" + sysroot(),
                "--enable-languages=c",
                // Static only, as the firmware userland is: with a shared libgcc the driver links -static
                // programs against libgcc_eh.a, which the static libgcc built before musl never makes.
                "--disable-shared",
                "--disable-multilib",
                "--disable-nls",
                "--disable-werror",
                "--disable-bootstrap",
                "--disable-libsanitizer",
                "--disable-libssp",
                "--disable-libquadmath",
                "--disable-libgomp",
                "--disable-libitm",
                "--disable-libvtv",
                "--disable-libatomic",
                "--enable-initfini-array"), gccArgs);
    }

    /** binutils' or gcc's configure: what both take (target, prefix, sysroot), its own options, the board's. */
    private List<String> configure(Path source, List<String> options, List<String> boardArgs) {
        List<String> args = new ArrayList<>(List.of(source.resolve("configure").toString(), "--target=" + triple,
                "--prefix=" + prefix, "--with-sysroot=" + sysroot()));
        args.addAll(options);
        args.addAll(boardArgs);
        return args;
    }

    /** musl's configure; it finds {@code <triple>-gcc} on the PATH through CROSS_COMPILE. */
    public List<String> muslConfigure() {
        return List.of(sources.musl().resolve("configure").toString(), "--target=" + triple, "--prefix=/usr",
                "--syslibdir=/lib", "CROSS_COMPILE=" + triple + "-");
    }

    public List<Stage> stages() {
        Path binutilsDir = work.resolve("build-binutils");
        Path headersDir = work.resolve("build-linux-headers");
        Path gccDir = work.resolve("build-gcc");
        Path muslHeadersDir = work.resolve("build-musl-headers");
        Path muslDir = work.resolve("build-musl");
        String j = "-j" + jobs;
        String destdir = "DESTDIR=" + sysroot();
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("binutils", List.of(sources.binutilsName()), List.of(
                cmd(binutilsConfigure(), binutilsDir),
                cmd(List.of("make", j), binutilsDir),
                cmd(List.of("make", "install-strip"), binutilsDir)),
                binutilsDir, prefix.resolve("bin").resolve(triple + "-as")));
        // Always O=: one in-tree kernel command makes every later O= build refuse the tree.
        stages.add(new Stage("linux-headers", List.of(sources.linuxName()), List.of(
                cmd(List.of("make", "-C", sources.linux().toString(), "O=" + headersDir, "ARCH=" + linuxArch(),
                        "INSTALL_HDR_PATH=" + sysroot().resolve("usr"), "headers_install"), headersDir)),
                headersDir, sysroot().resolve("usr/include/linux/version.h")));
        stages.add(new Stage("gcc-compiler", List.of(sources.gccName()), List.of(
                cmd(gccConfigure(), gccDir),
                cmd(List.of("make", j, "all-gcc"), gccDir),
                cmd(List.of("make", "install-gcc"), gccDir)),
                gccDir, prefix.resolve("bin").resolve(triple + "-gcc")));
        // A configure of its own: the full musl build must configure after libgcc exists to find it.
        stages.add(new Stage("musl-headers", List.of(sources.muslName()), List.of(
                cmd(muslConfigure(), muslHeadersDir),
                cmd(List.of("make", destdir, "install-headers"), muslHeadersDir)),
                muslHeadersDir, sysroot().resolve("usr/include/stdio.h")));
        // Static only: a shared libgcc links against a libc that does not exist yet.
        stages.add(new Stage("libgcc", List.of(sources.gccName()), List.of(
                cmd(List.of("make", j, "enable_shared=no", "all-target-libgcc"), gccDir),
                cmd(List.of("make", "enable_shared=no", "install-target-libgcc"), gccDir)),
                gccDir, null));
        stages.add(new Stage("musl", List.of(sources.muslName()), List.of(
                cmd(muslConfigure(), muslDir),
                cmd(List.of("make", j), muslDir),
                cmd(List.of("make", destdir, "install"), muslDir)),
                muslDir, sysroot().resolve("usr/lib/libc.a")));
        stages.add(new Stage("gcc-final", List.of(sources.gccName()), List.of(
                cmd(List.of("make", j), gccDir),
                // Stripped: unstripped cc1 alone is ~200 MB, which every colleague would download.
                cmd(List.of("make", "install-strip"), gccDir)),
                gccDir, prefix.resolve("bin").resolve(triple + "-gcc")));
        return stages;
    }

    private Command cmd(List<String> argv, Path dir) {
        return new Command(List.copyOf(argv), dir, environment());
    }
}
