package io.github.firmwaremaven.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.steps.FirmwareException;
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
        return StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1), new RecordingLog());
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
        // A stand-in autotools package: configure records its arguments, make install writes a file.
        Path src = Files.createDirectories(dir.resolve("pkg"));
        Path configure = Files.writeString(src.resolve("configure"), "#!/bin/sh\necho \"$@\" > configured\n"
                + "printf 'all:\\n\\techo built > tool\\ninstall:\\n\\tmkdir -p $(DESTDIR)/sbin && cp tool $(DESTDIR)/sbin/\\n'"
                + " > Makefile\n");
        Files.setPosixFilePermissions(configure, PosixFilePermissions.fromString("rwxr-xr-x"));
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
}
