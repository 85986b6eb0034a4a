package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.processes.HostPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a tool is: the resolved binary's digest and its version line. It enters fingerprints so that a
 * host gcc upgrade re-runs what that gcc built instead of keeping stale objects.
 */
public final class ToolIdentity {
    private record Key(Path realPath, long size, long mtime) {}

    private static final ConcurrentHashMap<Key, String> CACHE = new ConcurrentHashMap<>();

    private ToolIdentity() {}

    /** Where a build area remembers its tools' digests and version lines (see {@link DigestMemo}). */
    public static DigestMemo memo(Path buildArea) throws IOException {
        return new DigestMemo(buildArea.resolve("state").resolve("tool-digests.properties"));
    }

    /**
     * "path sha256 version-line" for the command; throws naming the command when it is not found.
     * The digest is computed once per binary per JVM (keyed by size and mtime).
     */
    public static String of(String command, String searchPath) throws FirmwareException, IOException {
        return of(command, searchPath, null);
    }

    /**
     * The same, remembered across builds in {@code memo} by the binary's identity: hashing gcc and asking
     * its version on every no-op build cost a cold JVM about 30 ms.
     */
    public static String of(String command, String searchPath, DigestMemo memo) throws FirmwareException, IOException {
        Path found = HostPath.which(command, searchPath);
        if (found == null) {
            throw new FirmwareException("Host tool '" + command + "' is not on PATH; run the check-host goal "
                    + "(mvn firmware:check-host) to see which Debian package provides it.");
        }
        Path real = found.toRealPath();
        Key key = new Key(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String identity;
        if (memo == null || !HostPath.isCompiledProgram(real)) {
            identity = real + " " + Digests.sha256(real) + " " + orNone(versionLine(real));
        } else {
            identity = real + " " + memo.sha256(real) + " " + orNone(memo.remembered("version", real, () -> versionLine(real)));
            memo.save();
        }
        CACHE.put(key, identity);
        return identity;
    }

    /** The first line of {@code --version}, or null when the tool did not answer (not found, timed out). */
    private static String versionLine(Path binary) {
        try {
            io.github.firmwaremaven.processes.ShortCommand.Result r = io.github.firmwaremaven.processes.ShortCommand
                    .of(binary.toString(), "--version").maxOutput(4096).timeoutSeconds(10).run();
            if (r.exitCode() == -1) {
                return null;
            }
            String text = r.output();
            int nl = text.indexOf('\n');
            return (nl >= 0 ? text.substring(0, nl) : text).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String orNone(String versionLine) {
        return versionLine == null ? "(no version)" : versionLine;
    }
}
