package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.locking.PathLocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code target/firmware/steps.json}: each step's latest outcome and duration, for the site report.
 * Several goals (and several threads under {@code -T}) add to it, so updates are locked.
 *
 * <p>{@code lastRunMillis} is how long the step's action took when it last ran for the same
 * fingerprint: an up-to-date step takes 0 ms in this build, but the report still shows what it costs.
 * 0 means unknown (the step has not run since this field was added, or it failed).
 */
public final class StepReport {
    private final Path file;

    public StepReport(Path file) {
        this.file = file;
    }

    public void record(StepResult result) throws IOException {
        Files.createDirectories(file.getParent());
        Path lines = file.resolveSibling(file.getFileName() + ".lines");
        try (PathLocks.Held lock = PathLocks.acquire(file.resolveSibling(file.getFileName() + ".lock"))) {
            Map<String, String> byId = new LinkedHashMap<>();
            if (Files.isRegularFile(lines)) {
                for (String line : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        byId.put(line.substring(0, tab), line);
                    }
                }
            }
            String previous = byId.remove(result.id());
            long lastRun = lastRunMillis(result, previous);
            byId.put(result.id(), result.id() + "\t" + result.outcome() + "\t" + result.durationMillis() + "\t"
                    + result.fingerprint().digest() + "\t" + lastRun);
            writeAtomically(lines, String.join("\n", byId.values()) + "\n");
            writeAtomically(file, toJson(new ArrayList<>(byId.values())));
        }
    }

    static long lastRunMillis(StepResult result, String previousLine) {
        switch (result.outcome()) {
            case RAN:
                return result.durationMillis();
            case UP_TO_DATE:
                // Lines written before lastRunMillis existed have four fields: the earlier run is unknown.
                String[] f = previousLine == null ? new String[0] : previousLine.split("\t");
                if (f.length >= 5 && f[3].equals(result.fingerprint().digest())) {
                    return Long.parseLong(f[4]);
                }
                return 0;
            default:
                return 0;
        }
    }

    private static String toJson(List<String> lines) {
        StringBuilder sb = new StringBuilder("{\n  \"steps\": [");
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            sb.append(i == 0 ? "\n" : ",\n");
            sb.append("    {\"id\": \"").append(f[0]).append("\", \"outcome\": \"").append(f[1])
                    .append("\", \"durationMillis\": ").append(f[2]).append(", \"fingerprint\": \"").append(f[3])
                    .append("\", \"lastRunMillis\": ").append(f.length >= 5 ? f[4] : "0").append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
