package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepMachineTest {
    @TempDir
    Path dir;

    RecordingLog log;
    StepMachine machine;
    Path config;
    Path out;
    AtomicInteger runs;
    String param;
    String toolPath;

    @BeforeEach
    void setUp() throws IOException {
        log = new RecordingLog();
        machine = StepMachine.forBuildArea(dir.resolve("firmware"), BuildTimestamp.of(1_700_000_000L), log);
        config = Files.writeString(dir.resolve("kernel.config"), "CONFIG_PRINTK=y\n");
        out = dir.resolve("out/result.txt");
        runs = new AtomicInteger();
        param = "tinyconfig";
        Path bin = Files.createDirectories(dir.resolve("bin"));
        writeTool(bin.resolve("fakecc"), "fakecc 1.0");
        toolPath = bin.toString();
    }

    private static void writeTool(Path tool, String version) throws IOException {
        Files.writeString(tool, "#!/bin/sh\necho '" + version + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Step step() {
        return counted("demo", fp -> fp.param("defconfig", param).file("fragment", config).tool("fakecc", toolPath));
    }

    /** A step with these inputs that counts its runs in {@link #runs} and writes {@link #out}. */
    private Step counted(String id, Step.Inputs inputs) {
        return Step.named(id).inputs(inputs).output(out)
                .action(ctx -> {
                    runs.incrementAndGet();
                    Files.createDirectories(out.getParent());
                    Files.writeString(out, "built from " + Files.readString(config));
                })
                .build();
    }

    @Test
    void secondRunWithSameInputsIsUpToDateAndRunsNothing() throws Exception {
        assertEquals(StepResult.Outcome.RAN, machine.run(step()).outcome());
        assertEquals(StepResult.Outcome.UP_TO_DATE, machine.run(step()).outcome());
        assertEquals(1, runs.get());
        assertTrue(log.contains("demo: up to date"));
    }

    @Test
    void changedParameterReRuns() throws Exception {
        machine.run(step());
        param = "defconfig";
        assertEquals(StepResult.Outcome.RAN, machine.run(step()).outcome());
        assertEquals(2, runs.get());
        assertTrue(log.contains("changed: param:defconfig"), log.lines.toString());
    }

    @Test
    void changedConfigFileReRuns() throws Exception {
        machine.run(step());
        Files.writeString(config, "CONFIG_PRINTK=n\n");
        assertEquals(StepResult.Outcome.RAN, machine.run(step()).outcome());
        assertEquals("built from CONFIG_PRINTK=n\n", Files.readString(out));
        assertTrue(log.contains("changed: file:fragment"), log.lines.toString());
    }

    @Test
    void changedCompilerBinaryReRuns() throws Exception {
        machine.run(step());
        // A host compiler upgrade: same name on PATH, different binary and version string.
        writeTool(dir.resolve("bin/fakecc"), "fakecc 2.0 (upgraded)");
        assertEquals(StepResult.Outcome.RAN, machine.run(step()).outcome());
        assertTrue(log.contains("changed: tool:fakecc"), log.lines.toString());
    }

    @Test
    void changedUpstreamStepReRuns() throws Exception {
        Fingerprint a = Fingerprint.builder().param("x", 1).build();
        Fingerprint b = Fingerprint.builder().param("x", 2).build();
        Fingerprint[] upstream = {a};
        Step s = counted("downstream", fp -> fp.upstream("upstream", upstream[0]));
        machine.run(s);
        machine.run(s);
        upstream[0] = b;
        machine.run(s);
        assertEquals(2, runs.get());
    }

    @Test
    void changedTreeReRuns() throws Exception {
        Path overlay = Files.createDirectories(dir.resolve("overlay/etc"));
        Files.writeString(overlay.resolve("motd"), "hello");
        // An hour old, so that the step's digest memo remembers it (files modified just now are read every time).
        Files.setLastModifiedTime(overlay.resolve("motd"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Step s = counted("tree", fp -> fp.tree("overlay", dir.resolve("overlay")));
        machine.run(s);
        machine.run(s);
        Files.setPosixFilePermissions(overlay.resolve("motd"), PosixFilePermissions.fromString("rwxr-xr-x"));
        machine.run(s);
        assertEquals(2, runs.get(), "a changed mode bit is a changed input");
        // File digests are remembered per step: an edit in place that keeps the size must still be seen.
        assertTrue(Files.readString(dir.resolve("firmware/state/tree.digests")).contains("motd"));
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(overlay.resolve("motd"));
        Files.writeString(overlay.resolve("motd"), "HELLO");
        Files.setLastModifiedTime(overlay.resolve("motd"),
                java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 1));
        machine.run(s);
        assertEquals(3, runs.get(), "same size, new content");
        machine.run(s);
        assertEquals(3, runs.get());
    }

    @Test
    void missingOutputReRunsEvenWithSameFingerprint() throws Exception {
        machine.run(step());
        Files.delete(out);
        assertEquals(StepResult.Outcome.RAN, machine.run(step()).outcome());
        assertTrue(Files.exists(out));
    }

    @Test
    void failedStepIsNotUpToDateNextTime() throws Exception {
        Step failing = Step.named("demo").inputs(fp -> fp.param("p", 1)).output(out)
                .action(ctx -> {
                    Files.createDirectories(out.getParent());
                    Files.writeString(out, "partial");
                    throw new FirmwareException("boom");
                }).build();
        assertThrows(FirmwareException.class, () -> machine.run(failing));
        Step ok = Step.named("demo").inputs(fp -> fp.param("p", 1)).output(out)
                .action(ctx -> {
                    runs.incrementAndGet();
                    Files.writeString(out, "complete");
                }).build();
        assertEquals(StepResult.Outcome.RAN, machine.run(ok).outcome());
        assertEquals("complete", Files.readString(out));
    }

    @Test
    void stepThatForgetsItsOutputFailsNamingIt() throws Exception {
        Step lazy = Step.named("lazy").output(out).action(ctx -> {}).build();
        FirmwareException e = assertThrows(FirmwareException.class, () -> machine.run(lazy));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
    }

    @Test
    void reportListsEachStepWithOutcomeAndDuration() throws Exception {
        machine.run(step());
        machine.run(step());
        List<StepReport.Entry> steps = StepReport.read(dir.resolve("firmware"));
        assertEquals(1, steps.size(), "latest outcome replaces the earlier one: " + steps);
        assertEquals("demo", steps.get(0).id());
        assertEquals("UP_TO_DATE", steps.get(0).outcome());
        assertEquals("built", steps.get(0).origin(), "up to date keeps how the outputs came to be");
    }

    @Test
    void upToDateStepKeepsTheDurationOfItsLastRun() throws Exception {
        StepResult ran = machine.run(step());
        machine.run(step());
        StepReport.Entry e = StepReport.read(dir.resolve("firmware")).get(0);
        assertEquals(0, e.durationMillis());
        assertEquals(ran.durationMillis(), e.lastRunMillis());
    }

    @Test
    void linesFromBeforeLastRunMillisReadAsUnknown() {
        Fingerprint fp = Fingerprint.builder().param("x", 1).build();
        StepResult upToDate = new StepResult("demo", StepResult.Outcome.UP_TO_DATE, fp, 0);
        assertEquals(1234, StepReport.entry(upToDate,
                new StepReport.Entry("demo", "RAN", 1234, fp.digest(), 1234, "built")).lastRunMillis());
        StepReport.Entry other = StepReport.entry(upToDate,
                new StepReport.Entry("demo", "RAN", 1234, "other-fingerprint", 1234, "built"));
        assertEquals(0, other.lastRunMillis(), "a run for other inputs says nothing about these");
        assertEquals("unknown", other.origin());
    }

    @Test
    void processOutputGoesToTheStepLogAndFailureShowsTheTail() throws Exception {
        Step s = Step.named("make").output(out).action(ctx -> ctx.run(ctx.command(dir, "sh", "-c",
                "for i in $(seq 1 100); do echo line$i; done; echo 'error: the real cause' >&2; exit 3").build()))
                .build();
        Exception e = assertThrows(Exception.class, () -> machine.run(s));
        String message = e.getMessage();
        assertContainsAll(message, "Exit code 3", "error: the real cause", "line100",
                machine.logFile("make").toString());
        assertFalse(message.contains("line50\n"), "only the last 40 lines: " + message);
        assertTrue(Files.readString(machine.logFile("make")).contains("line1\n"));
    }

    @Test
    void processesSeeTheExplicitEnvironmentAndTimestamp() throws Exception {
        Path envOut = dir.resolve("env.txt");
        Step s = Step.named("env").output(envOut).action(ctx -> ctx.run(ctx.command(dir, "sh", "-c",
                "env | sort > env.txt; umask >> env.txt").env("CFLAGS_FROM_TEST", "kept").build())).build();
        machine.run(s);
        String env = Files.readString(envOut);
        assertContainsAll(env, "LC_ALL=C\n", "TZ=UTC\n", "SOURCE_DATE_EPOCH=1700000000\n",
                "KBUILD_BUILD_TIMESTAMP=Tue Nov 14 22:13:20 UTC 2023\n", "BUILD_TIMELESS=1\n",
                "CFLAGS_FROM_TEST=kept\n");
        assertTrue(env.endsWith("0022\n"), env);
    }
}
