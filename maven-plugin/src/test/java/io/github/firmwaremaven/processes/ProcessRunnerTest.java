package io.github.firmwaremaven.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    @Test
    void eachCommandLeadsItsOwnProcessGroup() throws Exception {
        ProcessRunner.Started s = new ProcessRunner().start(ProcessSpec.builder("sleep", "30").directory(dir)
                .logFile(dir.resolve("log")).build());
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(s.pgid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(s.pgid()), f[2], "pgrp is the child's own pid");
            assertEquals(Long.toString(s.pgid()), f[3], "so is its session");
        } finally {
            s.stop();
        }
        assertTrue(ProcessGroups.members(s.pgid()).isEmpty());
    }

    @Test
    void interruptingTheWaitingThreadEndsTheWholeGroup() throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        ProcessRunner runner = new ProcessRunner(token::set);
        Path marker = dir.resolve("started");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(ProcessSpec.builder("sh", "-c", "sleep 300 & sleep 300 & touch started; wait")
                        .directory(dir).logFile(dir.resolve("log")).build());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, ProcessGroups.groupsWithToken(token.get()).size());
        t.interrupt(); // what Maven does to a build thread on abort
        t.join(10_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertTrue(ProcessGroups.groupsWithToken(token.get()).isEmpty(), "both background sleeps were ended");
    }

    @Test
    void timeoutFailsWithTheLogTailAndLeavesNothingRunning() throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        ProcessFailedException e = assertThrows(ProcessFailedException.class, () -> new ProcessRunner(token::set)
                .run(ProcessSpec.builder("sh", "-c", "echo waiting for godot; sleep 300").directory(dir)
                        .logFile(dir.resolve("log")).timeout(Duration.ofMillis(500)).build()));
        assertTrue(e.getMessage().contains("Timed out"), e.getMessage());
        assertTrue(e.getMessage().contains("waiting for godot"), e.getMessage());
        assertTrue(ProcessGroups.groupsWithToken(token.get()).isEmpty());
    }

    @Test
    void missingCommandSaysSo() {
        ProcessFailedException e = assertThrows(ProcessFailedException.class, () -> new ProcessRunner()
                .run(ProcessSpec.builder("definitely-not-a-command-xyz").directory(dir).logFile(dir.resolve("log"))
                        .build()));
        assertTrue(e.getMessage().contains("definitely-not-a-command-xyz"), e.getMessage());
        assertEquals(127, e.exitCode(), "sh's exec reports a missing command as 127");
    }

    @Test
    void environmentIsExplicitNotInherited() throws Exception {
        new ProcessRunner().run(ProcessSpec.builder("sh", "-c", "env > env.txt").directory(dir)
                .logFile(dir.resolve("log")).env("ONLY_THIS", "1").build());
        String env = Files.readString(dir.resolve("env.txt"));
        assertTrue(env.contains("ONLY_THIS=1"));
        assertFalse(env.matches("(?s).*(^|\n)MAVEN_[A-Z_]*=.*"), "Maven's variables do not leak into builds: " + env);
        assertFalse(env.matches("(?s).*(^|\n)JAVA_HOME=.*"), env);
    }
}
