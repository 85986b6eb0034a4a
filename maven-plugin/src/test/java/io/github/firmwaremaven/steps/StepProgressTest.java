package io.github.firmwaremaven.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.firmwaremaven.logging.FakeClock;
import io.github.firmwaremaven.logging.Heartbeat;
import io.github.firmwaremaven.logging.Pace;
import io.github.firmwaremaven.logging.ManualTicker;
import io.github.firmwaremaven.processes.ProcessFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running step reports its time and the last target its make printed, and stops reporting when it ends. */
class StepProgressTest {
    @TempDir
    Path dir;

    final RecordingLog log = new RecordingLog();
    final FakeClock clock = new FakeClock();
    final ManualTicker ticker = new ManualTicker();

    StepMachine machine() {
        return StepMachine.forBuildArea(dir.resolve("firmware"), BuildTimestamp.of(1_700_000_000L), log)
                .forGoal(log, new Heartbeat(log, new Pace(Heartbeat.PERIOD, clock, ticker)));
    }

    List<String> heartbeats() {
        return log.lines.stream().filter(l -> l.startsWith("INFO kernel-build (")).collect(Collectors.toList());
    }

    /** What the scheduler does every ten seconds while the step's command runs. */
    void tenSecondsPass() {
        clock.advance(Duration.ofSeconds(10));
        ticker.tick();
    }

    @Test
    void heartbeatsNameTheElapsedTimeAndTheLastTargetOfTheStepsCommands() throws Exception {
        Path out = dir.resolve("out/vmlinux");
        Step step = Step.named("kernel-build").output(out).action(ctx -> {
            ctx.run(ctx.command(dir, "sh", "-c", "echo '  HOSTCC  scripts/basic/fixdep'; echo '  CC      init/main.o'")
                    .build());
            tenSecondsPass();
            ctx.run(ctx.command(dir, "sh", "-c", "echo '  CC      kernel/fork.o'; echo 'kernel/fork.c:1: warning: x'")
                    .build());
            tenSecondsPass();
            Files.createDirectories(out.getParent());
            Files.writeString(out, "image");
        }).build();
        machine().run(step);
        assertEquals(List.of("INFO kernel-build (10 s): last target CC init/main.o",
                "INFO kernel-build (20 s): last target CC kernel/fork.o"), heartbeats());
        assertEquals(0, ticker.active(), "stopped when the step ended");
        tenSecondsPass();
        assertEquals(2, heartbeats().size());
    }

    @Test
    void aStepWithoutMakeOutputReportsItsTimeOnly() throws Exception {
        Path out = dir.resolve("out/tree");
        Step step = Step.named("kernel-build").output(out).action(ctx -> {
            tenSecondsPass();
            Files.createDirectories(out);
        }).build();
        machine().run(step);
        assertEquals(List.of("INFO kernel-build (10 s)"), heartbeats());
    }

    @Test
    void aFailingStepStopsItsHeartbeatToo() throws Exception {
        Step step = Step.named("kernel-build").output(dir.resolve("never")).action(ctx -> {
            tenSecondsPass();
            ctx.run(ctx.command(dir, "sh", "-c", "echo '  CC      kernel/bad.o'; exit 2").build());
        }).build();
        assertThrows(ProcessFailedException.class, () -> machine().run(step));
        assertEquals(0, ticker.active());
        assertEquals(List.of("INFO kernel-build (10 s)"), heartbeats());
    }

    @Test
    void aStepUpToDateStartsNoHeartbeat() throws Exception {
        Path out = dir.resolve("out/x");
        Step step = Step.named("kernel-build").output(out).action(ctx -> {
            Files.createDirectories(out.getParent());
            Files.writeString(out, "x");
        }).build();
        machine().run(step);
        int started = ticker.periods.size();
        machine().run(step);
        assertEquals(started, ticker.periods.size());
        assertEquals(List.of(Duration.ofSeconds(10)), ticker.periods);
    }
}
