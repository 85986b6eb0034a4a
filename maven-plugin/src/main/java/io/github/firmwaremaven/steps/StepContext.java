package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.processes.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a running step may use: its log file, the build time stamp, a process runner that is tracked. */
public final class StepContext {
    private final Step step;
    private final Fingerprint fingerprint;
    private final Path logFile;
    private final BuildTimestamp timestamp;
    private final BuildLog log;
    private final ProcessRunner runner;
    private final Path sharedDirectory;

    StepContext(Step step, Fingerprint fingerprint, Path logFile, BuildTimestamp timestamp, BuildLog log,
            ProcessRunner runner, Path sharedDirectory) {
        this.sharedDirectory = sharedDirectory;
        this.step = step;
        this.fingerprint = fingerprint;
        this.logFile = logFile;
        this.timestamp = timestamp;
        this.log = log;
        this.runner = runner;
    }

    /**
     * For a step shared in place: the directory to create and fill (it does not exist yet). It is
     * inside a temporary directory that becomes the cache entry when the step succeeds.
     */
    public Path sharedDirectory() {
        if (sharedDirectory == null) {
            throw new IllegalStateException("step " + step.id() + " is not shared in place");
        }
        return sharedDirectory;
    }

    public String stepId() {
        return step.id();
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The step's own log under target/firmware/logs; every process of the step appends to it. */
    public Path logFile() {
        return logFile;
    }

    public BuildTimestamp timestamp() {
        return timestamp;
    }

    public BuildLog log() {
        return log;
    }

    /** A builder preset with this step's log and the time stamp variables. */
    public ProcessSpec.Builder command(List<String> command, Path directory) {
        return ProcessSpec.builder(command).directory(directory).logFile(logFile).env(timestamp.environment());
    }

    public ProcessSpec.Builder command(Path directory, String... command) {
        return command(List.of(command), directory);
    }

    /** Runs a command as part of this step; its process group is recorded so a later run can end it. */
    public void run(ProcessSpec spec) throws IOException, InterruptedException, ProcessFailedException {
        runner.run(spec);
    }

    public ProcessRunner.Started start(ProcessSpec spec) throws IOException, ProcessFailedException {
        return runner.start(spec);
    }

    public Map<String, String> timestampEnvironment() {
        return timestamp.environment();
    }
}
