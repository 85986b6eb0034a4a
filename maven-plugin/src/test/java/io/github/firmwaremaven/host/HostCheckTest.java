package io.github.firmwaremaven.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {
    @TempDir
    Path dir;

    private Path bin(String... tools) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String t : tools) {
            Path p = Files.writeString(bin.resolve(t), "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    @Test
    void listsEveryMissingToolWithItsPackageInOneMessage() throws Exception {
        Path bin = bin("make", "gcc", "perl", "rsync", "bc");
        FirmwareException e = assertThrows(FirmwareException.class, () -> HostCheck.check(Set.of("kernel"),
                List.of(), bin.toString(), "Linux"));
        String m = e.getMessage();
        assertTrue(m.contains("command flex (Debian package flex)"), m);
        assertTrue(m.contains("command bison (Debian package bison)"), m);
        assertFalse(m.contains("command make"), "present tools are not listed: " + m);
        assertTrue(m.contains("apt-get install -y bison flex"), m);
    }

    @Test
    void extraCommandsOfTheBoardAreChecked() throws Exception {
        Path bin = bin("qemu-system-x86_64");
        FirmwareException e = assertThrows(FirmwareException.class, () -> HostCheck.check(Set.of("qemu-x86_64"),
                List.of(HostRequirement.command("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")), bin.toString(),
                "Linux"));
        assertTrue(e.getMessage().contains("aarch64-linux-gnu-gcc (Debian package gcc-aarch64-linux-gnu)"));
    }

    @Test
    void allPresentPasses() throws Exception {
        HostCheck.check(Set.of("qemu-x86_64"), List.of(), bin("qemu-system-x86_64").toString(), "Linux");
    }

    @Test
    void nonLinuxHostIsRefusedClearly() {
        FirmwareException e = assertThrows(FirmwareException.class, () -> HostCheck.check(Set.of(), List.of(),
                "/usr/bin", "Mac OS X"));
        assertTrue(e.getMessage().contains("only on Linux hosts"), e.getMessage());
    }

    @Test
    void aSourceBuiltToolchainLooksForGmpInDebiansMultiarchIncludeDirectory() {
        HostRequirement gmp = HostCheck.COMPONENTS.get("toolchain-source").stream()
                .filter(r -> r.debianPackage().equals("libgmp-dev")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(gmp.name().matches("/usr/include/[a-z0-9_]+-linux-gnu/gmp\\.h"),
                gmp.name());
    }
}
