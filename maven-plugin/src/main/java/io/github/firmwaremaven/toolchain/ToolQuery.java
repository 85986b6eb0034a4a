package io.github.firmwaremaven.toolchain;

import io.github.firmwaremaven.processes.ShortCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Short questions to a compiler ({@code -dumpmachine}, {@code -print-prog-name=cc1}) and the test
 * compile. They take milliseconds and belong to no step, so they run with an explicit environment
 * rather than through a step's process runner and log.
 */
final class ToolQuery {
    private ToolQuery() {}

    static ShortCommand.Result run(List<String> command, Map<String, String> env, Path directory)
            throws IOException, InterruptedException {
        return ShortCommand.of(command).environment(env).directory(directory).maxOutput(256 * 1024)
                .timeoutSeconds(120).run();
    }
}
