package io.github.firmwaremaven.pflash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.testsupport.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PflashPadderTest {
    @TempDir
    Path tmp;

    private Path image(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void codeAndVarsPaddedInOneCallAreIdenticalToTheDdRecipe() throws Exception {
        Path code = image("QEMU_EFI.fd", 2 * 1024 * 1024, 1);
        Path vars = image("QEMU_VARS.fd", 768 * 1024 + 3, 2);
        Map<Path, Path> jobs = new LinkedHashMap<>();
        jobs.put(code, tmp.resolve("code-64m.fd"));
        jobs.put(vars, tmp.resolve("vars-64m.fd"));
        new PflashPadder(FlashPreset.of("aarch64-virt").size(), (byte) 0).pad(jobs);
        for (Map.Entry<Path, Path> e : jobs.entrySet()) {
            Path dd = tmp.resolve(e.getKey().getFileName() + ".dd");
            TestMirror.sh(tmp, "dd if=/dev/zero of=" + dd + " bs=1M count=64 status=none && dd if=" + e.getKey()
                    + " of=" + dd + " conv=notrunc status=none");
            assertEquals(-1, Files.mismatch(dd, e.getValue()), e.getValue() + " differs from dd's result");
        }
    }

    @Test
    void fillWithErasedFlashBytes() throws Exception {
        Path in = image("in.fd", 1000, 3);
        Path out = tmp.resolve("out.fd");
        new PflashPadder(FlashPreset.LOONGARCH64_VIRT.size(), (byte) 0xFF).pad(in, out);
        byte[] b = Files.readAllBytes(out);
        assertEquals(16 << 20, b.length);
        assertEquals((byte) 0xFF, b[1000]);
        assertEquals((byte) 0xFF, b[b.length - 1]);
        assertEquals(-1, java.util.Arrays.mismatch(Files.readAllBytes(in), java.util.Arrays.copyOf(b, 1000)));
    }

    @Test
    void inputLargerThanFlashFailsNamingBothSizesAndWritesNothing() throws Exception {
        Path in = image("big.fd", (32 << 20) + 1, 4);
        Path out = tmp.resolve("out.fd");
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> new PflashPadder(FlashPreset.RISCV64_VIRT.size(), (byte) 0).pad(in, out));
        assertTrue(e.getMessage().contains(Long.toString((32L << 20) + 1)), e.getMessage());
        assertTrue(e.getMessage().contains(Long.toString(32L << 20)), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownMachineNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlashPreset.of("pc"));
        assertTrue(e.getMessage().contains("aarch64-virt"), e.getMessage());
    }
}
