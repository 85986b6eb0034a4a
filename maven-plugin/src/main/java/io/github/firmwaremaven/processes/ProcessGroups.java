package io.github.firmwaremaven.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Process groups on Linux, read from {@code /proc}. Every command we start leads its own group
 * (through {@code setsid}), so ending the group ends make and every compiler it forked, even those
 * that outlived their parent.
 */
public final class ProcessGroups {
    private ProcessGroups() {}

    /** The pids whose process group is {@code pgid}. */
    public static List<Long> members(long pgid) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path p : dir) {
                long group = groupOf(p);
                if (group == pgid) {
                    pids.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // /proc is unreadable: nothing we can see, nothing we can end.
        }
        return pids;
    }

    /** The process groups of all live processes that carry {@code token} in their environment. */
    public static List<Long> groupsWithToken(String token) {
        List<Long> groups = new ArrayList<>();
        String needle = ProcessRunner.TOKEN_VARIABLE + "=" + token;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path p : dir) {
                long group = groupOf(p);
                if (group <= 0 || groups.contains(group)) {
                    continue;
                }
                try {
                    byte[] environ = Files.readAllBytes(p.resolve("environ"));
                    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                        if (entry.equals(needle)) {
                            groups.add(group);
                            break;
                        }
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return groups;
    }

    /** The process group of a live process, or -1. */
    public static long groupOf(long pid) {
        return groupOf(Paths.get("/proc", Long.toString(pid)));
    }

    private static long groupOf(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"), StandardCharsets.UTF_8);
            // The command name in parentheses may itself contain spaces or parentheses.
            int close = stat.lastIndexOf(')');
            String[] fields = stat.substring(close + 2).split(" ");
            // fields[0]=state, [1]=ppid, [2]=pgrp. A zombie has finished; only its reaping is left.
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return -1;
            }
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sends a signal to a whole group. */
    public static void signal(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill(1) missing: fall back to the members we can see.
            for (long pid : members(pgid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** TERM, a short grace period, then KILL; returns when no member is left or after the grace. */
    public static void terminate(long pgid, long graceMillis) {
        if (members(pgid).isEmpty()) {
            return;
        }
        signal(pgid, "TERM");
        if (await(() -> members(pgid).isEmpty(), graceMillis, 50)) {
            return;
        }
        signal(pgid, "KILL");
        // KILL is delivered at once; give the kernel a moment to reap before callers look again.
        await(() -> members(pgid).isEmpty(), 2000, 20);
    }

    /**
     * Looks at {@code done} every {@code pollMillis} until it holds (true) or {@code timeoutMillis}
     * have passed (false). An interrupt ends the wait with false and stays set for the caller.
     */
    static boolean await(BooleanSupplier done, long timeoutMillis, long pollMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
