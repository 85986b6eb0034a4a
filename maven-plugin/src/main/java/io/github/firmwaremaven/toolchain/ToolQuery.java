package io.github.firmwaremaven.toolchain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Short questions to a compiler ({@code -dumpmachine}, {@code -print-prog-name=cc1}) and the test
 * compile. They take milliseconds and belong to no step, so they run here with an explicit
 * environment rather than through a step's process runner and log.
 */
final class ToolQuery {
    /** Exit code and merged output of one command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        String firstLine() {
            String t = output.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? t : t.substring(0, nl).strip();
        }
    }

    private ToolQuery() {}

    static Result run(List<String> command, Map<String, String> env, Path directory)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readNBytes(256 * 1024);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8) + "\n(timed out after 120 s)");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
