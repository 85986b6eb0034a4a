package io.github.firmwaremaven.fetching;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small archives and digests for tests. */
final class Fixtures {
    private Fixtures() {}

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A .tar.gz with top directory {@code top/} and the given files (name -> content). */
    static byte[] tarGz(String top, Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry d = new TarArchiveEntry(top + "/");
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(top + "/" + f.getKey());
                e.setSize(content.length);
                e.setMode(f.getKey().endsWith(".sh") ? 0100755 : 0100644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** A step machine for a test board beside {@code buildCacheRoot}, sharing through that build cache. */
    static io.github.firmwaremaven.steps.StepMachine steps(java.nio.file.Path buildCacheRoot,
            io.github.firmwaremaven.logging.BuildLog log) {
        return io.github.firmwaremaven.steps.StepMachine.forBuildArea(buildCacheRoot.resolveSibling("fw"),
                io.github.firmwaremaven.steps.BuildTimestamp.of(1), log).sharingThrough(
                new io.github.firmwaremaven.steps.BuildCache(buildCacheRoot),
                io.github.firmwaremaven.steps.Manifest.Check.CHEAP);
    }
}
