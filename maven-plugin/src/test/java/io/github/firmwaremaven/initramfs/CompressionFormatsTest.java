package io.github.firmwaremaven.initramfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.testsupport.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each compressed form has the container details the kernel needs and decompresses to the cpio. */
class CompressionFormatsTest {
    @TempDir
    Path tmp;

    private Path tree;

    @BeforeEach
    void makeTree() throws Exception {
        tree = Files.createDirectories(tmp.resolve("tree"));
        Random r = new Random(42);
        // Over 8 MiB of half-compressible data: several lz4 chunks and many gzip blocks.
        for (int i = 0; i < 12; i++) {
            byte[] b = new byte[900_000 + i * 1000];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (k % 3 == 0 ? r.nextInt(256) : 'a' + (k % 17));
            }
            Path d = Files.createDirectories(tree.resolve("d" + (i % 3)));
            Files.write(d.resolve("file" + i), b);
        }
    }

    private Path pack(Compression c) throws Exception {
        Path out = tmp.resolve("out." + c.extension());
        InitramfsPacker.builder().tree(tree).env(Map.of()).compression(c).timestamp(1700000000L).build().pack(out, null);
        return out;
    }

    @Test
    void xzUsesCrc32AndAtMostOneMebibyteDictionary() throws Exception {
        byte[] xz = Files.readAllBytes(pack(Compression.XZ));
        assertArrayEquals(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}, java.util.Arrays.copyOf(xz, 6));
        assertEquals(0, xz[6], "stream flags, first byte");
        assertEquals(0x01, xz[7], "stream flags: check ID 1 = CRC32 (the kernel rejects CRC64)");
        // Block header: size, flags, then the first filter: ID 0x21 (LZMA2), 1 property byte.
        int flags = xz[13] & 0xFF;
        int p = 14;
        if ((flags & 0x40) != 0) {
            while ((xz[p++] & 0x80) != 0) { }
        }
        if ((flags & 0x80) != 0) {
            while ((xz[p++] & 0x80) != 0) { }
        }
        assertEquals(0x21, xz[p], "LZMA2 filter");
        assertEquals(1, xz[p + 1]);
        int bits = xz[p + 2] & 0x3F;
        long dict = (2L | (bits & 1)) << (bits / 2 + 11);
        assertTrue(dict <= 1 << 20, "dictionary " + dict + " must be <= 1 MiB");
    }

    @Test
    void lz4IsTheLegacyFormat() throws Exception {
        byte[] lz4 = Files.readAllBytes(pack(Compression.LZ4));
        assertArrayEquals(new byte[] {0x02, 0x21, 0x4C, 0x18}, java.util.Arrays.copyOf(lz4, 4),
                "legacy magic 0x184C2102, little-endian");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void decompressesWithTheStandardToolToTheSameCpio(Compression c) throws Exception {
        Path plain = pack(Compression.NONE);
        Path packed = pack(c);
        Path back = tmp.resolve("back.cpio");
        String tool = switch (c) {
            case NONE -> "cat";
            case GZIP -> "gzip -dc";
            case XZ -> "xz -dc";
            case ZSTD -> "zstd -qdc";
            case LZ4 -> "lz4 -dc";
        };
        TestMirror.sh(tmp, tool + " < " + packed + " > " + back);
        assertEquals(-1, Files.mismatch(plain, back), "decompressed " + c + " differs from the plain cpio");
        TestMirror.sh(tmp, "cpio -it < " + back + " > /dev/null");
    }
}
