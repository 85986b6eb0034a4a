package io.github.firmwaremaven.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.fetching.SourceRegistry;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <rootfs>} parameters to the packages the core builds, as build-rootfs and menuconfig both see them. */
class BoardRootfsTest {
    @TempDir
    Path dir;

    private SourceRegistry registry() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("cache/busybox/tree"));
        Files.writeString(dir.resolve(SourceRegistry.FILE_NAME), "busybox.tree=" + tree + "\nbusybox.fingerprint=fp1\n"
                + "kexec.tree=" + tree + "\nkexec.fingerprint=fp2\n");
        return SourceRegistry.read(dir);
    }

    private static RootfsPackageConfig config(String name, String kind) {
        RootfsPackageConfig p = new RootfsPackageConfig();
        p.name = name;
        p.kind = kind;
        return p;
    }

    @Test
    void eachPackageGetsItsKindTreeFingerprintAndArguments() throws Exception {
        Rootfs rootfs = new Rootfs();
        RootfsPackageConfig busybox = config("busybox", "kconfig");
        busybox.fragments = List.of(new File("src/busybox.fragment"));
        RootfsPackageConfig kexec = config("kexec-tools", "Autotools");
        kexec.source = "kexec";
        kexec.configureArgs = List.of("--without-zlib");
        rootfs.packages = List.of(busybox, kexec);
        registry();
        List<RootfsPackage> packages = Board.at(dir, dir).rootfs(rootfs).rootfsPackages();
        assertEquals(RootfsPackage.Kind.KCONFIG, packages.get(0).kind());
        assertEquals("fp1", packages.get(0).sourceFingerprint());
        assertEquals(List.of(Path.of("src/busybox.fragment")), packages.get(0).configFragments());
        assertEquals(RootfsPackage.Kind.AUTOTOOLS, packages.get(1).kind(), "the kind is not case-sensitive");
        assertEquals("fp2", packages.get(1).sourceFingerprint(), "<source> names another source than <name>");
        assertEquals(List.of("--without-zlib"), packages.get(1).configureArgs());
    }

    @Test
    void aPackageWithoutNameOrWithAnUnknownKindIsRefusedNamingTheElement() throws Exception {
        SourceRegistry sources = registry();
        FirmwareException noName = assertThrows(FirmwareException.class,
                () -> Board.rootfsPackage(config(null, "kconfig"), sources));
        assertEquals("A <rootfs><packages><package> has no <name>.", noName.getMessage());
        FirmwareException kind = assertThrows(FirmwareException.class,
                () -> Board.rootfsPackage(config("busybox", "meson"), sources));
        assertTrue(kind.getMessage().contains("<kind>meson</kind> is not kconfig or autotools"), kind.getMessage());
        FirmwareException unfetched = assertThrows(FirmwareException.class,
                () -> Board.rootfsPackage(config("dropbear", "autotools"), sources));
        assertTrue(unfetched.getMessage().contains("Source 'dropbear' is not prepared"), unfetched.getMessage());
    }
}
