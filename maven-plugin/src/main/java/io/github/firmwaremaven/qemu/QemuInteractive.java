package io.github.firmwaremaven.qemu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts QEMU with the serial console (and QEMU's monitor, Ctrl-A c) on the terminal Maven runs in,
 * for {@code firmware:run}. The only process we run with inherited I/O: it is the user's session.
 */
public final class QemuInteractive {
    private QemuInteractive() {}

    /** The boot-test command with the console moved from the log file to the terminal. */
    public static List<String> command(QemuSpec spec, Path varsCopy) {
        List<String> c = new ArrayList<>(spec.command(Path.of("/dev/null"), varsCopy));
        for (int i = 0; i < c.size() - 1; i++) {
            if (c.get(i).equals("-serial")) {
                c.set(i + 1, "mon:stdio");
            }
        }
        c.remove("-no-reboot");
        return c;
    }

    public static int run(QemuSpec spec, Path workDir) throws IOException, InterruptedException {
        Path vars = null;
        if (spec.pflashVars() != null) {
            vars = workDir.resolve("run-vars.fd");
            java.nio.file.Files.createDirectories(workDir);
            java.nio.file.Files.copy(spec.pflashVars(), vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int monitor = command(spec, vars).indexOf("-monitor");
        List<String> cmd = command(spec, vars);
        if (monitor >= 0) {
            cmd.remove(monitor + 1);
            cmd.remove(monitor);
        }
        return io.github.firmwaremaven.processes.ShortCommand.of(cmd).directory(workDir).runOnTerminal();
    }
}
