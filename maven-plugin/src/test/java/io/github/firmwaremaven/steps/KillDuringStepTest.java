package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.processes.ProcessGroups;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the JVM in the middle of a step, then a re-run: nothing survives, outputs are right. */
class KillDuringStepTest {
    @TempDir
    Path dir;

    @Test
    void reRunAfterKillNineEndsLeftoversAndRebuildsHalfWrittenOutputs() throws Exception {
        Path area = dir.resolve("firmware");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createFile(work.resolve("hang-at-3"));

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowBuildStep.class.getName(), area.toString(), work.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            // The deterministic point: object 3 is half written and the step sleeps.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(work.resolve("obj/at3"))) {
                assertTrue(jvm.isAlive(), () -> "the step JVM died early: " + read(dir.resolve("jvm.log")));
                assertTrue(System.nanoTime() < deadline, "the step never reached object 3");
                Thread.sleep(20);
            }
            assertEquals("partial", Files.readString(work.resolve("obj/f3")));
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs, as with kill -9 of Maven
            jvm.waitFor(10, TimeUnit.SECONDS);
        }

        // The step's processes are orphaned but alive: this is what a re-run must deal with.
        String token = props(area.resolve("state/compile.properties")).getProperty("tokens", "");
        assertFalse(token.isEmpty(), () -> "the state records the step's process token: " + read(dir.resolve("jvm.log")));
        List<Long> leftovers = ProcessGroups.groupsWithToken(token);
        assertEquals(1, leftovers.size(), "leftovers exist before the re-run");
        long pgid = leftovers.get(0);
        assertFalse(ProcessGroups.members(pgid).isEmpty());

        Files.delete(work.resolve("hang-at-3"));
        RecordingLog log = new RecordingLog();
        StepMachine machine = StepMachine.forBuildArea(area, BuildTimestamp.of(1_700_000_000L), log);
        StepResult result = machine.run(SlowBuildStep.step(work));

        assertEquals(StepResult.Outcome.RAN, result.outcome());
        assertTrue(log.contains("the previous run stopped inside this step"), log.lines.toString());
        assertTrue(ProcessGroups.groupsWithToken(token).isEmpty(), "no process of the killed run survives");
        assertTrue(ProcessGroups.members(pgid).isEmpty(), "the killed group is empty");
        for (int i = 1; i <= SlowBuildStep.OBJECTS; i++) {
            assertEquals("complete " + i, Files.readString(work.resolve("obj/f" + i)), "object " + i);
        }
        assertFalse(Files.exists(work.resolve("obj/at3")), "files written by the killed run are gone");
        // The re-run's own background child was ended with its group when the step finished.
        String newToken = props(area.resolve("state/compile.properties")).getProperty("tokens", "");
        assertFalse(newToken.isEmpty() || newToken.equals(token));
        assertTrue(ProcessGroups.groupsWithToken(newToken).isEmpty(), "the re-run's background sleep was ended");
        assertEquals(StepResult.Outcome.UP_TO_DATE, machine.run(SlowBuildStep.step(work)).outcome());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    private static Properties props(Path state) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state)) {
            p.load(r);
        }
        return p;
    }

}
