package io.github.firmwaremaven.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The offline mirror of Debian sources and kernels that some tests need. A missing file is a test
 * FAILURE with the command to run, not a skip: a skipped proof is easy to miss.
 */
public final class TestMirror {
    private static Path genInitCpio;
    private static Path initBinary;

    private TestMirror() {}

    public static Path dir() {
        String set = System.getProperty("firmware.test.mirror");
        if (set != null) {
            return Paths.get(set);
        }
        // As it/fill-mirror.sh decides, when a test runs outside Maven's surefire configuration
        String env = System.getenv("FIRMWARE_MIRROR_DIR");
        String home = System.getenv("HOME");
        return env != null ? Paths.get(env) : Paths.get(home != null ? home : System.getProperty("user.home"),
                ".cache/firmware-maven-plugin/debian-mirror");
    }

    private static String howToFill() {
        return " Run it/fill-mirror.sh (it fills " + dir() + " from Debian's archive), or point -Dfirmware.test.mirror"
                + " at a directory holding sources/linux_6.1.*.orig.tar.xz and kernels/vmlinuz-amd64.";
    }

    public static Path linuxTarball() throws IOException {
        Path sources = dir().resolve("sources");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> s = Files.list(sources)) {
                List<Path> found = s.filter(p -> p.getFileName().toString().matches("linux_6\\.1\\.[0-9]+\\.orig\\.tar\\.xz"))
                        .sorted().toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            }
        }
        fail("The Linux 6.1 source tarball is missing under " + sources + "." + howToFill());
        return null;
    }

    public static Path kernel() {
        return required("The x86_64 test kernel", dir().resolve("kernels").resolve("vmlinuz-amd64"));
    }

    /** A file of the mirror that must be there: its absence fails the test, saying how to fill the mirror. */
    private static Path required(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            fail(what + " " + file + " is missing." + howToFill());
        }
        return file;
    }

    /** Where the tools and excerpts that tests make once are kept, across test runs. */
    private static Path toolsDir() throws IOException {
        return Files.createDirectories(Paths.get("target", "test-tools").toAbsolutePath());
    }

    /** Whether the thing {@code stamp} stands for was made from {@code from}; else it is made again. */
    private static boolean madeFrom(Path stamp, String from) throws IOException {
        return Files.isRegularFile(stamp) && Files.readString(stamp).equals(from);
    }

    /** Linux's usr/gen_init_cpio, compiled alone from the tarball once per test JVM. */
    public static synchronized Path genInitCpio() throws Exception {
        if (genInitCpio == null) {
            Path dir = toolsDir();
            Path src = dir.resolve("gen_init_cpio.c");
            Path tarball = linuxTarball();
            String top = tarball.getFileName().toString().replace("_", "-").replace(".orig.tar.xz", "");
            Path stamp = dir.resolve("gen_init_cpio.from");
            genInitCpio = dir.resolve("gen_init_cpio");
            // Unpacking one file from the 138 MB tarball takes ~15 s: keep the tool while the tarball is the same.
            if (!Files.isExecutable(genInitCpio) || !madeFrom(stamp, tarball.toString())) {
                sh(dir, "tar -xOf '" + tarball + "' " + top + "/usr/gen_init_cpio.c > gen_init_cpio.c");
                sh(dir, "gcc -O2 -o gen_init_cpio gen_init_cpio.c");
                Files.writeString(stamp, tarball.toString());
            }
            if (!Files.isExecutable(genInitCpio) || Files.size(src) == 0) {
                fail("could not build gen_init_cpio from " + tarball);
            }
        }
        return genInitCpio;
    }

    public static Path corebootTarball() {
        return required("The coreboot 4.15 source tarball",
                dir().resolve("sources").resolve("coreboot_4.15~dfsg.orig.tar.xz"));
    }

    /**
     * The part of coreboot 4.15 its kconfig targets read (Makefiles, Kconfig files, util/kconfig,
     * genbuild_h) and util/crossgcc, unpacked once under target/test-tools: ~17 MB and a few seconds
     * instead of the whole tree.
     */
    public static synchronized Path corebootExcerpt() throws Exception {
        Path dir = toolsDir();
        Path tarball = corebootTarball();
        Path tree = dir.resolve("coreboot-4.15");
        Path stamp = dir.resolve("coreboot-excerpt.from");
        String from = tarball + " kconfig+crossgcc";
        if (!madeFrom(stamp, from)) {
            sh(dir, "rm -rf coreboot-4.15 && tar -xf '" + tarball + "' --wildcards '*Makefile' '*Makefile.inc' "
                    + "'*Kconfig*' 'coreboot-4.15/util/kconfig/*' 'coreboot-4.15/util/genbuild_h/*' "
                    + "'coreboot-4.15/util/crossgcc/*'");
            Files.writeString(stamp, from);
        }
        return tree;
    }

    /**
     * A static /init that mounts proc, reads the command line, prints {@code INIT-MARKER <nonce>} for
     * the nonce= argument, and reboots (QEMU with -no-reboot then exits).
     */
    public static synchronized Path staticInit() throws Exception {
        if (initBinary == null) {
            Path dir = toolsDir();
            Files.writeString(dir.resolve("init.c"), String.join("\n",
                    "#include <stdio.h>",
                    "#include <string.h>",
                    "#include <unistd.h>",
                    "#include <sys/mount.h>",
                    "#include <sys/reboot.h>",
                    "int main(void) {",
                    "  char buf[1024] = {0};",
                    "  mount(\"proc\", \"/proc\", \"proc\", 0, 0);",
                    "  FILE *f = fopen(\"/proc/cmdline\", \"r\");",
                    "  if (f) { fread(buf, 1, sizeof buf - 1, f); fclose(f); }",
                    "  char *n = strstr(buf, \"nonce=\");",
                    "  char nonce[128] = \"none\";",
                    "  if (n) sscanf(n + 6, \"%127s\", nonce);",
                    "  printf(\"\\nINIT-MARKER %s\\n\", nonce);",
                    "  fflush(stdout);",
                    "  sync();",
                    "  reboot(RB_AUTOBOOT);",
                    "  return 0;",
                    "}", ""));
            sh(dir, "gcc -static -Os -o init init.c");
            initBinary = dir.resolve("init");
        }
        return initBinary;
    }

    public static void sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + script);
        }
        assertEquals(0, p.exitValue(), script + "\n" + out);
    }
}
