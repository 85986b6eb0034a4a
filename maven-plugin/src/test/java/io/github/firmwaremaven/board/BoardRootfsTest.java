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
        assertTrue(kind.getMessage().contains("<kind>meson</kind> is not kconfig, autotools or make"), kind.getMessage());
        FirmwareException unfetched = assertThrows(FirmwareException.class,
                () -> Board.rootfsPackage(config("dropbear", "autotools"), sources));
        assertTrue(unfetched.getMessage().contains("Source 'dropbear' is not prepared"), unfetched.getMessage());
    }

    @Test
    void aMakePackageNamesWhatItInstallsAndWhereInsideTheImage() throws Exception {
        SourceRegistry sources = registry();
        RootfsPackageConfig vmm = config("kvmtool", "make");
        vmm.source = "kexec";
        vmm.makeArgs = List.of("lkvm-static", "SOURCE_BFD=");
        FirmwareException none = assertThrows(FirmwareException.class, () -> Board.rootfsPackage(vmm, sources));
        assertTrue(none.getMessage().contains("has no <installFiles>"), none.getMessage());
        for (String bad : List.of("lkvm-static", "lkvm-static=bin/lkvm", "=/bin/lkvm", "lkvm-static=/bin/../../x",
                "../../etc/shadow=/bin/lkvm")) {
            vmm.installFiles = List.of(bad);
            FirmwareException e = assertThrows(FirmwareException.class, () -> Board.rootfsPackage(vmm, sources), bad);
            assertTrue(e.getMessage().contains("<installFile>" + bad + "</installFile> must be built=/installed"),
                    e.getMessage());
        }
        vmm.installFiles = List.of("lkvm-static=/bin/lkvm");
        RootfsPackage p = Board.rootfsPackage(vmm, sources);
        assertEquals(RootfsPackage.Kind.MAKE, p.kind());
        assertEquals(List.of("lkvm-static=/bin/lkvm"), p.installFiles());
        assertEquals(List.of("lkvm-static", "SOURCE_BFD="), p.makeArgs());
        RootfsPackageConfig busybox = config("busybox", "kconfig");
        busybox.installFiles = List.of("busybox=/bin/busybox");
        FirmwareException notMake = assertThrows(FirmwareException.class, () -> Board.rootfsPackage(busybox, sources));
        assertTrue(notMake.getMessage().contains("<installFiles> is for make packages"), notMake.getMessage());
    }

    @Test
    void aFurtherImageTakesTheInstallTreesOfThePackagesItNamesAndOnlyDeclaredOnes() throws Exception {
        Rootfs rootfs = new Rootfs();
        rootfs.packages = List.of(config("busybox", "kconfig"), config("kvmtool", "make"));
        InitramfsImage guest = new InitramfsImage();
        guest.name = "guest";
        guest.packages = List.of("busybox");
        guest.listFile = new File("src/main/kvm/guest.list");
        guest.compression = "xz";
        Path out = dir.resolve("target/firmware/initramfs");
        List<io.github.firmwaremaven.initramfs.PackInitramfs.Request> requests = Board.at(dir, dir).rootfs(rootfs)
                .initramfsImages(List.of(guest)).initramfsImageRequests(out, java.util.Map.of());
        assertEquals(1, requests.size());
        assertEquals(List.of(dir.resolve("rootfs/busybox/install")), requests.get(0).overlays());
        assertEquals(out.resolve("guest"), requests.get(0).outputDir());
        assertEquals("guest", requests.get(0).name());
        assertEquals(io.github.firmwaremaven.initramfs.Compression.XZ, requests.get(0).compression());
        assertEquals(out.resolve("guest/initramfs.cpio.xz"),
                io.github.firmwaremaven.initramfs.PackInitramfs.archive(requests.get(0)));

        guest.packages = List.of("dropbear");
        FirmwareException undeclared = assertThrows(FirmwareException.class, () -> Board.at(dir, dir).rootfs(rootfs)
                .initramfsImages(List.of(guest)).initramfsImageRequests(out, java.util.Map.of()));
        assertEquals("<initramfsImages><initramfs> #1 ('guest') takes package 'dropbear', which <rootfs><packages> "
                + "does not declare (it has: busybox, kvmtool).", undeclared.getMessage());
        guest.packages = List.of();
        InitramfsImage twice = new InitramfsImage();
        twice.name = "guest";
        FirmwareException dup = assertThrows(FirmwareException.class, () -> Board.at(dir, dir).rootfs(rootfs)
                .initramfsImages(List.of(guest, twice)).initramfsImageRequests(out, java.util.Map.of()));
        assertTrue(dup.getMessage().startsWith("<initramfsImages><initramfs> #2: <name>guest</name> is declared twice"),
                dup.getMessage());
        InitramfsImage badName = new InitramfsImage();
        badName.name = "Guest One";
        FirmwareException bad = assertThrows(FirmwareException.class, () -> Board.at(dir, dir)
                .initramfsImages(List.of(badName)).initramfsImageRequests(out, java.util.Map.of()));
        assertTrue(bad.getMessage().contains("must be lower-case letters, digits and '-'"), bad.getMessage());
    }
}
