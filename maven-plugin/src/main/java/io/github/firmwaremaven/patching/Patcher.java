package io.github.firmwaremaven.patching;

import io.github.firmwaremaven.fetching.Commands;
import io.github.firmwaremaven.steps.FirmwareException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies patches with GNU patch ({@code patch -p1}). Chosen over {@code git apply} because the
 * trees are plain directories (no index), board patches come from upstream mailing lists and
 * distributions with offsets and fuzz that patch tolerates as Buildroot does, and its failure output
 * names the file and hunk. Rejects are discarded: the temporary tree is thrown away on failure.
 */
public final class Patcher {
    public void apply(String source, PatchSet set, Path tree) throws IOException, InterruptedException, FirmwareException {
        for (Path patch : set.patches()) {
            List<String> cmd = List.of("patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch",
                    "--reject-file=-", "-d", tree.toString(), "-i", patch.toAbsolutePath().toString());
            try {
                Commands.run(cmd, tree, Map.of());
            } catch (Commands.CommandFailed e) {
                throw new FirmwareException("Patch " + patch + " does not apply to source '" + source + "':\n"
                        + failures(e.output()) + "\nRefresh the patch against this version, or remove it.");
            }
        }
    }

    /** The lines of patch's output that say which file and hunk failed. */
    static String failures(String output) {
        List<String> lines = new ArrayList<>();
        String file = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("patching file ")) {
                file = line.substring("patching file ".length()).trim();
            } else if (line.contains("FAILED") || line.contains("can't find file") || line.contains("No file to patch")
                    || line.contains("malformed") || line.contains("Reversed") || line.contains("doesn't exist")) {
                lines.add("  " + (file != null && line.startsWith("Hunk") ? "file " + file + ": " : "") + line.trim());
            }
        }
        return lines.isEmpty() ? output.strip() : String.join("\n", lines);
    }
}
