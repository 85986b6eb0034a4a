package io.github.firmwaremaven.rootfs;

import io.github.firmwaremaven.trees.TreeDelete;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.steps.Manifest;
import io.github.firmwaremaven.steps.RecordingLog;
import io.github.firmwaremaven.steps.StepMachine;
import io.github.firmwaremaven.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsBuildTest {
    @TempDir
    Path dir;

    private StepMachine machine() {
        return machine(dir.resolve("fw"));
    }

    private static StepMachine machine(Path buildArea) {
        return StepMachine.forBuildArea(buildArea, BuildTimestamp.of(1), new RecordingLog());
    }

    private static StepMachine machine(Path buildArea, BuildCache cache) {
        return machine(buildArea).sharingThrough(cache, Manifest.Check.CHEAP);
    }

    /** A stand-in autotools package: configure records its arguments, make install writes a file. */
    private Path standInPackage() throws Exception {
        Path src = Files.createDirectories(dir.resolve("pkg"));
        Path configure = Files.writeString(src.resolve("configure"), "#!/bin/sh\necho \"$@\" > configured\n"
                + "printf 'all:\\n\\techo built > tool\\ninstall:\\n\\tmkdir -p $(DESTDIR)/sbin && cp tool $(DESTDIR)/sbin/\\n'"
                + " > Makefile\n");
        Files.setPosixFilePermissions(configure, PosixFilePermissions.fromString("rwxr-xr-x"));
        return src;
    }

    @Test
    void secondBoardReusesTheCachedInstallTreeAndAChangedInputBuildsAgain() throws Exception {
        Path src = standInPackage();
        Toolchain host = new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id");
        BuildCache cache = new BuildCache(dir.resolve("cache"));
        RootfsPackage pkg = new RootfsPackage("kexec-tools", RootfsPackage.Kind.AUTOTOOLS, src, "fp", List.of(),
                List.of("--without-zlib"), List.of());
        new RootfsBuild(host, dir.resolve("a/w"), dir.resolve("a/staging"), 2, true)
                .run(machine(dir.resolve("a/fw"), cache), List.of(pkg));
        assertTrue(Files.isRegularFile(dir.resolve("a/w/kexec-tools/obj/configured")), "the first board builds");

        new RootfsBuild(host, dir.resolve("b/w"), dir.resolve("b/staging"), 2, true)
                .run(machine(dir.resolve("b/fw"), cache), List.of(pkg));
        assertEquals("built\n", Files.readString(dir.resolve("b/staging/sbin/tool")));
        assertTrue(!Files.exists(dir.resolve("b/w/kexec-tools/obj/configured")), "the second board ran configure");

        // An entry emptied by hand is not staged as an empty package: built again.
        try (java.util.stream.Stream<Path> entries = Files.list(dir.resolve("cache/rootfs"))) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(e)) {
                    TreeDelete.delete(e);
                    Files.createDirectories(e);
                }
            }
        }
        new RootfsBuild(host, dir.resolve("e/w"), dir.resolve("e/staging"), 2, true)
                .run(machine(dir.resolve("e/fw"), cache), List.of(pkg));
        assertEquals("built\n", Files.readString(dir.resolve("e/staging/sbin/tool")));
        assertTrue(Files.isRegularFile(dir.resolve("e/w/kexec-tools/obj/configured")), "the emptied entry was used");

        // Another configure argument is another package: built, not taken from the cache.
        RootfsPackage changed = new RootfsPackage("kexec-tools", RootfsPackage.Kind.AUTOTOOLS, src, "fp", List.of(),
                List.of("--with-zlib"), List.of());
        new RootfsBuild(host, dir.resolve("c/w"), dir.resolve("c/staging"), 2, true)
                .run(machine(dir.resolve("c/fw"), cache), List.of(changed));
        assertTrue(Files.readString(dir.resolve("c/w/kexec-tools/obj/configured")).contains("--with-zlib"));
        // Without reuse (firmware.build-rootfs.reuse=false) the package is built although the cache has it.
        new RootfsBuild(host, dir.resolve("d/w"), dir.resolve("d/staging"), 2, false)
                .run(machine(dir.resolve("d/fw"), cache), List.of(pkg));
        assertTrue(Files.isRegularFile(dir.resolve("d/w/kexec-tools/obj/configured")));
        assertEquals("built\n", Files.readString(dir.resolve("d/staging/sbin/tool")));
    }

    @Test
    void toolchainWithoutCLibraryIsRefusedBeforeAnythingBuilds() {
        Toolchain bare = new Toolchain("target", "aarch64-linux-gnu", "aarch64-linux-gnu-", null, null, "id", false);
        RootfsPackage busybox = new RootfsPackage("busybox", RootfsPackage.Kind.KCONFIG, dir, "fp", List.of(),
                List.of(), List.of());
        FirmwareException e = assertThrows(FirmwareException.class, () -> new RootfsBuild(bare, dir.resolve("w"),
                dir.resolve("staging"), 2).run(machine(), List.of(busybox)));
        assertTrue(e.getMessage().contains("libc6-dev-arm64-cross"), e.getMessage());
        assertTrue(e.getMessage().contains("busybox"), e.getMessage());
    }

    @Test
    void autotoolsPackageIsConfiguredForTheTargetInACopyAndStagedWithItsOwnFiles() throws Exception {
        Path src = standInPackage();
        Toolchain host = new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id");
        RootfsPackage pkg = new RootfsPackage("tool", RootfsPackage.Kind.AUTOTOOLS, src, "fp", List.of(),
                List.of("--without-zlib"), List.of());
        RootfsBuild build = new RootfsBuild(host, dir.resolve("w"), dir.resolve("staging"), 2);
        build.run(machine(), List.of(pkg));
        assertEquals("built\n", Files.readString(dir.resolve("staging/sbin/tool")));
        String args = Files.readString(dir.resolve("w/tool/obj/configured"));
        assertTrue(args.contains("--host=x86_64-linux-gnu") && args.contains("--without-zlib"), args);
        assertTrue(!Files.exists(src.resolve("configured")), "the shared source tree is never written");
    }

    @Test
    void makePackageInstallsOnlyTheFilesItNamesAndNoneThroughALinkOutOfItsTree() throws Exception {
        Path src = Files.createDirectories(dir.resolve("vmm"));
        Files.writeString(src.resolve("Makefile"), "all:\n\techo built > vmm\n");
        Path host = Files.createDirectories(dir.resolve("host"));
        Files.writeString(host.resolve("secret"), "host file\n");
        Files.createSymbolicLink(src.resolve("hostdir"), host);
        Toolchain cc = new Toolchain("target", "x86_64-linux-gnu", "", null, null, "id");
        RootfsPackage vmm = new RootfsPackage("vmm", RootfsPackage.Kind.MAKE, src, "fp", List.of(), List.of(),
                List.of("all"), List.of("vmm=/bin/vmm"));
        new RootfsBuild(cc, dir.resolve("w"), dir.resolve("staging"), 2).run(machine(), List.of(vmm));
        assertEquals("built\n", Files.readString(dir.resolve("staging/bin/vmm")));

        RootfsPackage escape = new RootfsPackage("vmm", RootfsPackage.Kind.MAKE, src, "fp", List.of(), List.of(),
                List.of("all"), List.of("hostdir/secret=/etc/secret"));
        FirmwareException e = assertThrows(FirmwareException.class, () -> new RootfsBuild(cc, dir.resolve("w2"),
                dir.resolve("staging2"), 2).run(machine(dir.resolve("fw2")), List.of(escape)));
        assertTrue(e.getMessage().contains("(<installFile>hostdir/secret=/etc/secret</installFile>) leads through a "
                + "link to " + host.toRealPath().resolve("secret")), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("staging2/etc/secret")), "the host file reached the staging tree");
    }
}
