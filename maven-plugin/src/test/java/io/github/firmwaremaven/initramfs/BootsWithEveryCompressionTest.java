package io.github.firmwaremaven.initramfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.qemu.QemuRunner;
import io.github.firmwaremaven.qemu.QemuSpec;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.testsupport.TestMirror;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * The real proof that every compression is one the kernel unpacks: Debian's x86_64 kernel boots our
 * archive in QEMU and its /init prints a nonce that only travels through the kernel command line.
 */
class BootsWithEveryCompressionTest {
    private static final long STAMP = 1763769600L;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private Path list() throws Exception {
        Path list = tmp.resolve("boot.list");
        // Over 8 MiB, so the kernel has to read several xz blocks, lz4 chunks and gzip blocks.
        Path ballast = tmp.resolve("ballast");
        byte[] b = new byte[8 << 20];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 5 == 0 ? r.nextInt(256) : 'a' + i % 23);
        }
        Files.write(ballast, b);
        Files.write(list, List.of(
                "file /ballast " + ballast + " 0644 0 0",
                "dir /dev 0755 0 0",
                "nod /dev/console 0600 0 0 c 5 1",
                "dir /proc 0755 0 0",
                "file /init " + TestMirror.staticInit() + " 0755 0 0"));
        return list;
    }

    private Path pack(Compression c) throws Exception {
        Path out = tmp.resolve("initramfs." + c.extension());
        InitramfsPacker.builder().list(list()).env(Map.of()).compression(c).timestamp(STAMP).build().pack(out, null);
        return out;
    }

    private QemuRunner.Boot boot(Path initrd, String nonce) throws Exception {
        QemuSpec spec = QemuSpec.builder("x86_64").machine("pc").memoryMb(256).accel("tcg")
                .kernel(TestMirror.kernel()).initrd(initrd)
                .append("console=ttyS0 panic=-1 nonce=" + nonce).build();
        return new QemuRunner(new ProcessRunner())
                .bootUntil(spec, Pattern.compile("INIT-MARKER " + nonce), LIMIT, tmp.resolve("qemu-" + nonce));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void kernelUnpacksTheArchiveAndRunsInit(Compression compression) throws Exception {
        Path kernel = TestMirror.kernel();
        assertTrue(Files.isRegularFile(kernel));
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        QemuRunner.Boot b = boot(pack(compression), nonce);
        assertEquals("INIT-MARKER " + nonce, b.match());
    }

    @Test
    void negativeControlXzWithCrc64DoesNotBoot() throws Exception {
        TestMirror.kernel();
        Path cpio = pack(Compression.NONE);
        Path crc64 = tmp.resolve("initramfs-crc64.cpio.xz");
        LZMA2Options o = new LZMA2Options(6);
        o.setDictSize(1 << 20);
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(crc64), o, XZ.CHECK_CRC64)) {
            Files.copy(cpio, out);
        }
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        FirmwareException e = assertThrows(FirmwareException.class, () -> boot(crc64, nonce));
        assertTrue(e.getMessage().contains("INIT-MARKER " + nonce), e.getMessage());
    }
}
