package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file a step made and that changed since is made again, never passed on as the step's result. */
class StepOutputsTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final AtomicInteger runs = new AtomicInteger();

    private StepResult run(Path out) throws Exception {
        return StepMachine.forBuildArea(dir.resolve("fw"), BuildTimestamp.of(1_700_000_000L), log)
                .run(Step.named("image").inputs(fp -> fp.param("version", "1")).output(out).action(ctx -> {
                    runs.incrementAndGet();
                    Files.writeString(out, "built");
                }).build());
    }

    @Test
    void anEditedOrReplacedOutputRunsTheStepAgainAndSaysWhy() throws Exception {
        Path out = dir.resolve("image.bin");
        run(out);
        assertEquals(StepResult.Outcome.UP_TO_DATE, run(out).outcome());

        Files.writeString(out, "tampered"); // same size would not help either: the time moves
        assertEquals(StepResult.Outcome.RAN, run(out).outcome());
        assertEquals("built", Files.readString(out));
        assertTrue(log.contains("image: running (output image.bin changed since this step made it)"), log.text());

        // Put back with the old time stamp and size: the inode still tells.
        FileTime t = Files.getLastModifiedTime(out);
        Path other = Files.writeString(dir.resolve("other"), "BUILT");
        Files.setLastModifiedTime(other, t);
        Files.move(other, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(StepResult.Outcome.RAN, run(out).outcome());
        assertEquals("built", Files.readString(out));
        assertEquals(3, runs.get());
        assertEquals(StepResult.Outcome.UP_TO_DATE, run(out).outcome());
    }
}
