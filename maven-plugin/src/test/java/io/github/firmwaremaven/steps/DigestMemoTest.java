package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestMemoTest {
    @TempDir
    Path dir;

    @Test
    void unchangedFileIsServedFromTheMemoAndAReplacedOneIsReadAgain() throws Exception {
        Path out = Files.writeString(dir.resolve("rom.bin"), "first");
        Files.setLastModifiedTime(out, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path memoFile = dir.resolve("state/output-digests.properties");
        DigestMemo memo = new DigestMemo(memoFile);
        assertEquals(Digests.sha256(out), memo.sha256(out));
        memo.save();

        // Plant a digest for the file's current identity: a later memo must return it without reading.
        String planted = "0".repeat(64);
        List<String> lines = Files.readAllLines(memoFile);
        Files.write(memoFile, lines.stream().map(l -> l.replaceAll("[0-9a-f]{64}$", planted)).toList());
        assertEquals(planted, new DigestMemo(memoFile).sha256(out));

        // Replaced the way goals replace outputs (atomic move), same size and same time: read again.
        FileTime time = Files.getLastModifiedTime(out);
        Path tmp = Files.writeString(dir.resolve("rom.bin.tmp"), "other");
        Files.setLastModifiedTime(tmp, time);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(Digests.sha256(out), new DigestMemo(memoFile).sha256(out));
    }

    @Test
    void aFileModifiedJustNowIsNotRemembered() throws Exception {
        // An edit of the same size within the file system's time granularity would keep the identity.
        Path out = Files.writeString(dir.resolve("config"), "CONFIG_A=y");
        Path memoFile = dir.resolve("state/step.digests");
        DigestMemo memo = new DigestMemo(memoFile);
        assertEquals(Digests.sha256(out), memo.sha256(out));
        memo.save();
        assertFalse(Files.exists(memoFile), "nothing remembered");
        Files.setLastModifiedTime(out, FileTime.fromMillis(System.currentTimeMillis() - DigestMemo.RACY_MILLIS - 1_000));
        memo.sha256(out);
        memo.save();
        assertTrue(Files.readString(memoFile).contains(Digests.sha256(out)));
    }

    @Test
    void damagedMemoOnlyCostsARehash() throws Exception {
        Path out = Files.writeString(dir.resolve("rom.bin"), "bytes");
        Path memoFile = Files.writeString(dir.resolve("memo.properties"), "a=\\u00zz\n");
        assertEquals(Digests.sha256(out), new DigestMemo(memoFile).sha256(out));
    }
}
