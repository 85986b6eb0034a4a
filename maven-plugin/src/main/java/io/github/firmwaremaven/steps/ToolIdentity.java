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

    /**
     * "path sha256 version-line" for the command; throws naming the command when it is not found.
     * The digest is computed once per binary per JVM (keyed by size and mtime).
     */
    public static String of(String command, String searchPath) throws FirmwareException, IOException {
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
        String identity = real + " " + Digests.sha256(real) + " " + versionLine(real);
        CACHE.put(key, identity);
        return identity;
    }

    private static String versionLine(Path binary) {
        try {
            String text = io.github.firmwaremaven.processes.ShortCommand.of(binary.toString(), "--version")
                    .maxOutput(4096).timeoutSeconds(10).run().output();
            int nl = text.indexOf('\n');
            return (nl >= 0 ? text.substring(0, nl) : text).trim();
        } catch (IOException e) {
            return "(no version)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no version)";
        }
    }
}
