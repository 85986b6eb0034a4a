package io.github.firmwaremaven.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What to run: an argument list (never a shell string), a directory, an explicit environment, a log. */
public final class ProcessSpec {
    private final List<String> command;
    private final Path directory;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Duration timeout;

    private ProcessSpec(Builder b) {
        if (b.command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(b.command);
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.logFile = Objects.requireNonNull(b.logFile, "logFile");
        this.timeout = b.timeout;
    }

    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    public static Builder builder(String... command) {
        return new Builder(List.of(command));
    }

    public List<String> command() {
        return command;
    }

    public Path directory() {
        return directory;
    }

    /** The complete environment of the process: nothing is inherited that is not listed here. */
    public Map<String, String> environment() {
        return environment;
    }

    public Path logFile() {
        return logFile;
    }

    /** Null when the process may run as long as it needs. */
    public Duration timeout() {
        return timeout;
    }

    /** The command as one line for logs; arguments with spaces are quoted for readability only. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (String arg : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(arg.isEmpty() || arg.matches(".*[\\s'\"].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return sb.toString();
    }

    public static final class Builder {
        private final List<String> command;
        private Path directory;
        private final Map<String, String> environment = new LinkedHashMap<>(HostEnvironment.base());
        private Path logFile;
        private Duration timeout;

        private Builder(List<String> command) {
            this.command = new ArrayList<>(command);
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder env(String name, String value) {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
            return this;
        }

        public Builder env(Map<String, String> values) {
            values.forEach(this::env);
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
