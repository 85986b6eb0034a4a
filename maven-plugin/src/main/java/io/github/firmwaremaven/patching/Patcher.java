package io.github.firmwaremaven.patching;

import io.github.firmwaremaven.processes.ShortCommand;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.trees.TreePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies patches with GNU patch ({@code patch -p1}). Chosen over {@code git apply} because the
 * trees are plain directories (no index), board patches come from upstream mailing lists and
 * distributions with offsets and fuzz that patch tolerates as Buildroot does, and its failure output
 * names the file and hunk. Rejects are discarded: the temporary tree is thrown away on failure.
 */
public final class Patcher {
    public void apply(String source, PatchSet set, Path tree) throws IOException, InterruptedException, FirmwareException {
        for (Path patch : set.patches()) {
            checkTargets(source, patch, tree);
            List<String> cmd = List.of("patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch",
                    "--reject-file=-", "-d", tree.toString(), "-i", patch.toAbsolutePath().toString());
            // patch's messages are parsed: kept in English.
            ShortCommand.Result r = ShortCommand.of(cmd).directory(tree).set("LC_ALL", "C").run();
            if (!r.ok()) {
                throw new FirmwareException("Patch " + patch + " does not apply to source '" + source + "':\n"
                        + failures(r.output()) + "\nRefresh the patch against this version, or remove it.");
            }
        }
    }

    /**
     * Every file the patch names must resolve inside the tree, through links only while they stay
     * inside: GNU patch 2.7.6 refuses such paths itself, but the tree's safety should not rest on the
     * version of a host tool.
     */
    static void checkTargets(String source, Path patch, Path tree) throws IOException, FirmwareException {
        TreePaths paths = new TreePaths(tree);
        for (String name : targets(Files.readString(patch, StandardCharsets.ISO_8859_1))) {
            try {
                paths.forWriting(name);
            } catch (TreePaths.Escape e) {
                throw new FirmwareException("Patch " + patch + " of source '" + source + "' names the file '" + name
                        + "', which " + e.getMessage().replaceFirst("^'[^']*' ", "") + "; refusing to apply it, as "
                        + "it would write outside the tree. Fix the patch (or the archive's links it goes through).");
            }
        }
    }

    /** The paths (first component stripped, as -p1) a unified or git diff writes or reads. */
    static Set<String> targets(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String path = null;
            if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                path = line.substring(4);
                int tab = path.indexOf('\t');
                path = tab >= 0 ? path.substring(0, tab) : path.strip();
            } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
                // git's rename/copy lines carry no prefix to strip.
                names.add(line.substring(line.indexOf(" to ") + 4).strip());
                continue;
            } else if (line.startsWith("diff --git ")) {
                for (String p : line.substring("diff --git ".length()).split(" ")) {
                    add(names, p);
                }
                continue;
            }
            if (path != null) {
                add(names, path);
            }
        }
        return names;
    }

    private static void add(Set<String> names, String path) {
        if (path.equals("/dev/null") || path.isEmpty()) {
            return;
        }
        if (path.startsWith("\"") && path.endsWith("\"") && path.length() > 1) {
            path = path.substring(1, path.length() - 1);
        }
        // As -p1: everything up to the first slash goes ("/usr/src/x" becomes "usr/src/x").
        int slash = path.indexOf('/');
        names.add(slash < 0 ? path : path.substring(slash + 1));
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
