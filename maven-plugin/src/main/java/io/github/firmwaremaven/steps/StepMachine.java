package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.trees.AtomicFiles;
import io.github.firmwaremaven.errors.FirmwareException;

import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.logging.Progress;
import io.github.firmwaremaven.processes.MakeTargets;
import io.github.firmwaremaven.processes.ProcessGroups;
import io.github.firmwaremaven.processes.ProcessRunner;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs steps the way Buildroot's generic package infrastructure runs package stages, with a
 * fingerprint instead of a bare stamp file: a step whose inputs and outputs are unchanged is skipped;
 * a step that was killed half way is cleaned up and run again.
 *
 * <p>State lives in {@code <stateDir>/<step>.properties}: the fingerprint lines, a status
 * ({@code running}, {@code done}, {@code failed}), the start marker time and the tokens that mark
 * every process the step started. {@code running} found at the start of a run means the previous run died inside the
 * step (the step's lock is held for the whole step, so no live build can be in it).
 */
public final class StepMachine {
    private final Path stateDir;
    private final Path logDir;
    private final StepReport report;
    private final BuildTimestamp timestamp;
    private final BuildLog log;
    /** How a running step shows it is alive: elapsed time and the last make target of its log. */
    private final Progress progress;
    private final SharedOutputs shared;
    /** Which step made each in-place directory seen in this session, so that a damaged one can be made again. */
    private final Map<Path, Step> producers;
    /** In-place directories checked against their manifests in this session. */
    private final Set<Path> verified;

    public StepMachine(Path stateDir, Path logDir, Path reportFile, BuildTimestamp timestamp, BuildLog log) {
        this(stateDir, logDir, reportFile, timestamp, log, null);
    }

    private StepMachine(Path stateDir, Path logDir, Path reportFile, BuildTimestamp timestamp, BuildLog log,
            SharedOutputs shared) {
        this(stateDir, logDir, new StepReport(reportFile), timestamp, log, Progress.NONE, shared,
                new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
    }

    private StepMachine(Path stateDir, Path logDir, StepReport report, BuildTimestamp timestamp, BuildLog log,
            Progress progress, SharedOutputs shared, Map<Path, Step> producers, Set<Path> verified) {
        this.progress = progress;
        this.stateDir = stateDir;
        this.logDir = logDir;
        this.report = report;
        this.timestamp = timestamp;
        this.log = log;
        this.shared = shared;
        this.producers = producers;
        this.verified = verified;
    }

    /**
     * This machine as one goal sees it: the same session (what was made and checked in it) and build
     * area, that goal's log and progress. A Maven session keeps one machine per project and hands each
     * goal this.
     */
    public StepMachine forGoal(BuildLog goalLog) {
        return forGoal(goalLog, Progress.NONE);
    }

    public StepMachine forGoal(BuildLog goalLog, Progress goalProgress) {
        return new StepMachine(stateDir, logDir, report, timestamp, goalLog, goalProgress, shared, producers,
                verified);
    }

    /**
     * This machine, sharing the outputs of steps that declare {@link Step.Builder#shared} through
     * {@code cache}; {@code check} is how closely a cached copy is compared with its manifest before
     * it is used.
     */
    public StepMachine sharingThrough(BuildCache cache, Manifest.Check check) {
        return new StepMachine(stateDir, logDir, report.file(), timestamp, log, new SharedOutputs(cache, check));
    }

    /** The conventional layout under a board's {@code target/firmware}. */
    public static StepMachine forBuildArea(Path firmwareDir, BuildTimestamp timestamp, BuildLog log) {
        return new StepMachine(firmwareDir.resolve("state"), firmwareDir.resolve("logs"),
                firmwareDir.resolve("steps.json"), timestamp, log);
    }

    public Path logFile(String stepId) {
        return logDir.resolve(stepId + ".log");
    }

    public StepResult run(Step step) throws Exception {
        Path states = step.stateDir() != null ? step.stateDir() : stateDir;
        Files.createDirectories(states);
        Path stateFile = states.resolve(step.id() + ".properties");
        try (PathLocks.Held lock = PathLocks.acquire(states.resolve(step.id() + ".lock"))) {
            DigestMemo memo = new DigestMemo(states.resolve(step.id() + ".digests"));
            Fingerprint.Builder fpb = Fingerprint.builder(memo);
            step.inputs().describe(fpb);
            memo.save();
            // Every step exports the time stamp to its tools, so nearly every result depends on it.
            if (!step.timeless()) {
                fpb.param("build-timestamp", timestamp.epochSeconds());
            }
            Fingerprint fingerprint = fpb.build();
            Properties state = load(stateFile);
            String status = state.getProperty("status", "");

            if (status.equals("running")) {
                recoverFromUncleanStop(step, state);
            } else if (!step.inPlace() && status.equals("done")
                    && fingerprint.digest().equals(state.getProperty("fingerprint"))
                    && changedOutput(step, state) == null) {
                log.info(step.id() + ": up to date");
                StepResult result = new StepResult(step.id(), StepResult.Outcome.UP_TO_DATE, fingerprint, 0);
                report.record(result);
                return result;
            }
            List<String> earlier = inputs(state);
            String why = "";
            String edited = status.equals("done") && fingerprint.digest().equals(state.getProperty("fingerprint"))
                    ? changedOutput(step, state) : null;
            if (edited != null) {
                why = " (" + edited + ")";
            } else if (!earlier.isEmpty()) {
                List<String> changed = fingerprint.changedSince(earlier);
                why = changed.isEmpty() ? " (outputs missing or last run unfinished)"
                        : " (changed: " + String.join(", ", changed) + ")";
            }
            if (step.inPlace()) {
                return runInPlace(step, fingerprint, state, stateFile, why);
            }
            if (shared != null && step.sharedKind() != null && step.restoreShared()) {
                StepResult restored = restore(step, fingerprint, stateFile, why);
                if (restored != null) {
                    return restored;
                }
            }
            verifyReads(step);
            log.info(step.id() + ": running" + why);
            StepResult result = execute(step, fingerprint, stateFile, null);
            if (shared != null && step.sharedKind() != null) {
                shared.publish(step, fingerprint);
            }
            return result;
        }
    }

    /** A step whose result is a directory in the build cache: present means done, whoever made it. */
    private StepResult runInPlace(Step step, Fingerprint fingerprint, Properties state, Path stateFile, String why)
            throws Exception {
        if (shared == null) {
            throw new IllegalStateException("step " + step.id() + " is shared in place, but this machine has no cache");
        }
        String key = SharedOutputs.key(step, fingerprint);
        Path entry = shared.cache().lookup(step.sharedKind(), key);
        if (entry != null && isEmptyOrMissing(entry.resolve(SharedOutputs.IN_PLACE))) {
            // What a recursive delete that followed a link into the cache (kbuild's "source") leaves.
            log.warn(step.id() + ": " + entry.resolve(SharedOutputs.IN_PLACE) + " in the build cache is empty "
                    + "(removed by hand or by a tool outside this plugin); making it again");
            shared.cache().discardIf(step.sharedKind(), key, e -> true);
            entry = null;
        }
        boolean ran = false;
        long t0 = System.nanoTime();
        if (entry == null) {
            verifyReads(step);
            log.info(step.id() + ": running" + why);
            boolean[] produced = {false};
            entry = shared.cache().obtain(step.sharedKind(), key, tmp -> {
                Path dir = tmp.resolve(SharedOutputs.IN_PLACE);
                execute(step, fingerprint, stateFile, dir);
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FirmwareException("Step " + step.id() + " finished but did not create " + dir);
                }
                Manifest.record(dir).write(tmp.resolve(SharedOutputs.MANIFEST));
                produced[0] = true;
            });
            ran = produced[0];
        }
        Path dir = entry.resolve(SharedOutputs.IN_PLACE);
        // Keyed as verifyReads finds it, whatever spelling of the cache's path the goal was given.
        producers.put(dir.toAbsolutePath().normalize(), step);
        if (ran) {
            verified.add(dir.toAbsolutePath().normalize());
            return new StepResult(step.id(), StepResult.Outcome.RAN, fingerprint, millisSince(t0), dir);
        }
        boolean same = "done".equals(state.getProperty("status"))
                && fingerprint.digest().equals(state.getProperty("fingerprint"));
        StepResult result;
        if (same) {
            log.info(step.id() + ": up to date");
            result = new StepResult(step.id(), StepResult.Outcome.UP_TO_DATE, fingerprint, 0, dir);
        } else {
            log.info(step.id() + ": reusing what a build with the same inputs made" + why + ": " + dir);
            store(stateFile, doneState(step, fingerprint, dir));
            result = new StepResult(step.id(), StepResult.Outcome.RESTORED, fingerprint, millisSince(t0), dir);
        }
        report.record(result);
        return result;
    }

    /**
     * Before a step's action reads directories shared in place, each is compared with its manifest
     * (once per session). A damaged one is removed and made again by the step that made it, when that
     * step ran in this session; otherwise the build stops, naming the first path that differs.
     */
    private void verifyReads(Step step) throws Exception {
        if (shared == null) {
            return;
        }
        for (Path read : step.reads()) {
            Path dir = sharedDirectoryOf(read);
            if (dir == null || verified.contains(dir)) {
                continue; // not in a shared directory (a local override), or checked already
            }
            Path entry = dir.getParent();
            Path manifest = entry.resolve(SharedOutputs.MANIFEST);
            long started = System.nanoTime();
            String difference = Manifest.firstDifference(manifest, dir, shared.check());
            if (difference == null) {
                // Said once per tree and build, with its cost: the figure the cheap check is held to.
                String name = entry.getFileName().toString();
                log.info(step.id() + ": the build cache's " + name.substring(0, Math.max(0, name.lastIndexOf('-')))
                        + " matches its manifest (" + shared.check().name().toLowerCase(java.util.Locale.ROOT)
                        + " check, " + String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - started) / 1e9)
                        + ")");
                verified.add(dir);
                continue;
            }
            String kind = entry.getParent().getFileName().toString();
            String key = entry.getFileName().toString();
            log.warn(step.id() + ": " + dir + " in the build cache was changed after it was stored (first "
                    + "difference: " + difference + "); removing it");
            shared.cache().discardIf(kind, key, e -> true);
            Step producer = producers.get(dir);
            if (producer == null) {
                throw new FirmwareException(dir + " in the build cache was changed after it was stored (first "
                        + "difference: " + difference + ") and has been removed. Run the build again from the start "
                        + "(mvn package): fetch-sources or build-toolchain makes it anew.");
            }
            log.warn(step.id() + ": making it again with " + producer.id());
            run(producer);
            verified.add(dir);
        }
    }

    /** The directory shared in place that holds {@code path} (a source placed <into> another is inside one), or null. */
    private static Path sharedDirectoryOf(Path path) {
        for (Path p = path.toAbsolutePath().normalize(); p != null && p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals(SharedOutputs.IN_PLACE)
                    && Files.isRegularFile(p.resolveSibling(SharedOutputs.MANIFEST))) {
                return p;
            }
        }
        return null;
    }

    private static boolean isEmptyOrMissing(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    /** The state of a finished step: its fingerprint, inputs, file outputs and where it came from, if restored. */
    private static Properties doneState(Step step, Fingerprint fingerprint, Path restoredFrom) throws IOException {
        Properties done = new Properties();
        done.setProperty("status", "done");
        done.setProperty("fingerprint", fingerprint.digest());
        if (restoredFrom != null) {
            done.setProperty("restoredFrom", restoredFrom.toString());
        }
        putInputs(done, fingerprint);
        putOutputs(done, step);
        return done;
    }

    private StepResult restore(Step step, Fingerprint fingerprint, Path stateFile, String why) throws Exception {
        long t0 = System.nanoTime();
        // The state is written only after every output is in place, each put there by a rename: a kill
        // half way leaves an output missing or the old state, and the next run restores again.
        Path entry = shared.restore(step, fingerprint, log);
        if (entry == null) {
            return null;
        }
        log.info(step.id() + ": reusing the outputs built with the same inputs" + why + " from " + entry);
        store(stateFile, doneState(step, fingerprint, entry));
        StepResult result = new StepResult(step.id(), StepResult.Outcome.RESTORED, fingerprint, millisSince(t0));
        report.record(result);
        return result;
    }

    private StepResult execute(Step step, Fingerprint fingerprint, Path stateFile, Path sharedDirectory)
            throws Exception {
        Properties running = new Properties();
        running.setProperty("status", "running");
        running.setProperty("fingerprint", fingerprint.digest());
        putInputs(running, fingerprint);
        store(stateFile, running);
        // The state file's own mtime is the start marker: same clock as the files the step writes.
        long startedAt = Files.getLastModifiedTime(stateFile).toMillis();
        running.setProperty("startedAt", Long.toString(startedAt));
        store(stateFile, running);

        Path logFile = logFile(step.id());
        Files.createDirectories(logDir);
        Files.deleteIfExists(logFile);
        List<String> groups = new ArrayList<>();
        ProcessRunner runner = new ProcessRunner(token -> {
            synchronized (groups) {
                groups.add(token);
                running.setProperty("tokens", String.join(",", groups));
                store(stateFile, running);
            }
        });
        StepContext context = new StepContext(step, fingerprint, logFile, timestamp, log, runner, sharedDirectory);
        long t0 = System.nanoTime();
        try (Progress.Task alive = progress.start(step.id(), () -> lastTarget(logFile))) {
            step.action().run(context);
        } catch (InterruptedException e) {
            // Leave the state "running": the next run cleans up as after a kill.
            report.record(new StepResult(step.id(), StepResult.Outcome.FAILED, fingerprint, millisSince(t0)));
            throw e;
        } catch (Exception | Error e) {
            Properties failed = new Properties();
            failed.setProperty("status", "failed");
            failed.setProperty("fingerprint", fingerprint.digest());
            putInputs(failed, fingerprint);
            store(stateFile, failed);
            report.record(new StepResult(step.id(), StepResult.Outcome.FAILED, fingerprint, millisSince(t0)));
            throw e;
        }
        for (Path output : step.outputs()) {
            if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
                Properties failed = new Properties();
                failed.setProperty("status", "failed");
                store(stateFile, failed);
                throw new FirmwareException("Step " + step.id() + " finished but did not produce " + output
                        + "; see " + logFile);
            }
        }
        Properties done = doneState(step, fingerprint, null);
        done.setProperty("tokens", running.getProperty("tokens", ""));
        store(stateFile, done);
        StepResult result = new StepResult(step.id(), StepResult.Outcome.RAN, fingerprint, millisSince(t0));
        report.record(result);
        return result;
    }

    private void recoverFromUncleanStop(Step step, Properties state) throws IOException {
        log.warn(step.id() + ": the previous run stopped inside this step; ending its leftover processes "
                + "and removing what it wrote before running it again");
        // Every process the step started carries one of these tokens in its environment.
        for (String token : state.getProperty("tokens", "").split(",")) {
            if (token.isEmpty()) {
                continue;
            }
            for (long pgid : ProcessGroups.groupsWithToken(token)) {
                log.warn(step.id() + ": ending leftover process group " + pgid);
                ProcessGroups.terminate(pgid, 2000);
            }
        }
        long startedAt = Long.parseLong(state.getProperty("startedAt", "0"));
        int removed = 0;
        for (Path area : step.workAreas()) {
            removed += removeNewerThan(area, startedAt);
        }
        for (Path output : step.outputs()) {
            if (Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(output);
                removed++;
            }
        }
        if (removed > 0) {
            log.info(step.id() + ": removed " + removed + " file(s) written by the interrupted run");
        }
    }

    /** Deletes files and links under {@code dir} modified at or after {@code millis}. */
    static int removeNewerThan(Path dir, long millis) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] count = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.lastModifiedTime().toMillis() >= millis) {
                    Files.delete(file);
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    /**
     * Null when every output is there as the step left it, else what is not: a file output changed
     * since (edited by hand, replaced) makes the step run again rather than pass it on.
     */
    private static String changedOutput(Step step, Properties state) throws IOException {
        List<Path> outputs = step.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            Path output = outputs.get(i);
            if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
                return "output " + output.getFileName() + " missing";
            }
            String recorded = state.getProperty("output." + i);
            if (recorded != null && !recorded.equals(fileStat(output))) {
                return "output " + output.getFileName() + " changed since this step made it";
            }
        }
        return null;
    }

    /** Size, modification time and inode of each regular-file output, for {@link #changedOutput}. */
    private static void putOutputs(Properties p, Step step) throws IOException {
        List<Path> outputs = step.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            String stat = fileStat(outputs.get(i));
            if (stat != null) {
                p.setProperty("output." + i, stat);
            }
        }
    }

    private static String fileStat(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.size() + " " + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + " " + a.fileKey();
    }

    private static String lastTarget(Path logFile) {
        String target = MakeTargets.last(logFile);
        return target == null ? null : "last target " + target;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void putInputs(Properties p, Fingerprint fp) {
        List<String> entries = fp.entries();
        for (int i = 0; i < entries.size(); i++) {
            p.setProperty(String.format("input.%04d", i), entries.get(i));
        }
    }

    private static List<String> inputs(Properties p) {
        List<String> result = new ArrayList<>();
        for (int i = 0; p.containsKey(String.format("input.%04d", i)); i++) {
            result.add(p.getProperty(String.format("input.%04d", i)));
        }
        return result;
    }

    private static Properties load(Path file) throws IOException {
        return AtomicFiles.load(file);
    }

    /** Atomic replace, so a kill never leaves a half-written state file. */
    private static void store(Path file, Properties p) throws IOException {
        AtomicFiles.store(file, p, null);
    }
}
