package io.github.firmwaremaven.steps;

import io.github.firmwaremaven.trees.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.firmwaremaven.locking.PathLocks;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code target/firmware/steps.json}, written and read here only: each step's latest outcome and
 * duration, for the site report and the tests. Several goals (and several threads under {@code -T})
 * add to it, so updates are locked; {@code steps.json.lines} beside it is the same data one step per
 * line, which is what an update reads.
 *
 * <p>{@code lastRunMillis} is how long the step's action took when it last ran for the same
 * fingerprint: an up-to-date step takes 0 ms in this build, but the report still shows what it costs.
 * 0 means unknown. {@code origin} says how the outputs now in place came to be: {@code built} here,
 * {@code restored} from the build cache, or {@code unknown} (an up-to-date step whose earlier outcome
 * was not recorded).
 */
public final class StepReport {
    /** One step's line. */
    public record Entry(String id, String outcome, long durationMillis, String fingerprint, long lastRunMillis,
            String origin) {}

    /** Made on first use: loading Jackson costs a cold JVM 30-40 ms, which a no-op build never needs. */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }
    private final Path file;

    public StepReport(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The report of the build area {@code firmwareDir}; empty when no step has run there. */
    public static List<Entry> read(Path firmwareDir) throws IOException {
        Path json = firmwareDir.resolve("steps.json");
        return Files.isRegularFile(json) ? parse(Files.readString(json, StandardCharsets.UTF_8)) : List.of();
    }

    public void record(StepResult result) throws IOException {
        Files.createDirectories(file.getParent());
        Path lines = file.resolveSibling(file.getFileName() + ".lines");
        try (PathLocks.Held lock = PathLocks.acquire(file.resolveSibling(file.getFileName() + ".lock"))) {
            Map<String, Entry> byId = new LinkedHashMap<>();
            if (Files.isRegularFile(lines)) {
                for (String line : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
                    Entry e = fromLine(line);
                    if (e != null) {
                        byId.put(e.id(), e);
                    }
                }
            }
            Entry previous = byId.get(result.id());
            Entry now = entry(result, previous);
            if (now.equals(previous) && Files.isRegularFile(file)) {
                // A no-op build finds every step as the last one left it: nothing to write (and no JSON
                // writer to load, which costs a cold JVM 30-40 ms).
                return;
            }
            byId.remove(result.id());
            byId.put(result.id(), now);
            StringBuilder sb = new StringBuilder();
            for (Entry e : byId.values()) {
                sb.append(String.join("\t", e.id(), e.outcome(), Long.toString(e.durationMillis()), e.fingerprint(),
                        Long.toString(e.lastRunMillis()), e.origin())).append('\n');
            }
            writeAtomically(lines, sb.toString());
            writeAtomically(file, toJson(byId.values()));
        }
    }

    static Entry entry(StepResult result, Entry previous) {
        String fp = result.fingerprint().digest();
        boolean same = previous != null && previous.fingerprint().equals(fp);
        switch (result.outcome()) {
            case RAN:
                return new Entry(result.id(), "RAN", result.durationMillis(), fp, result.durationMillis(), "built");
            case RESTORED:
                return new Entry(result.id(), "RESTORED", result.durationMillis(), fp, 0, "restored");
            case UP_TO_DATE:
                return new Entry(result.id(), "UP_TO_DATE", result.durationMillis(), fp,
                        same ? previous.lastRunMillis() : 0, same ? previous.origin() : "unknown");
            default:
                return new Entry(result.id(), result.outcome().name(), result.durationMillis(), fp, 0, "none");
        }
    }

    /** A line of steps.json.lines; lines written before a field existed have fewer fields. */
    private static Entry fromLine(String line) {
        String[] f = line.split("\t");
        if (f.length < 4) {
            return null;
        }
        return new Entry(f[0], f[1], Long.parseLong(f[2]), f[3], f.length >= 5 ? Long.parseLong(f[4]) : 0,
                f.length >= 6 ? f[5] : "unknown");
    }

    private static String toJson(Iterable<Entry> entries) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("steps");
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeStringField("outcome", e.outcome());
                g.writeNumberField("durationMillis", e.durationMillis());
                g.writeStringField("fingerprint", e.fingerprint());
                g.writeNumberField("lastRunMillis", e.lastRunMillis());
                g.writeStringField("origin", e.origin());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out + "\n";
    }

    public static List<Entry> parse(String json) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("steps.json: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("steps") || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> f = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        f.put(name, p.getValueAsString());
                    }
                    entries.add(new Entry(f.get("id"), f.get("outcome"), number(f.get("durationMillis")),
                            f.getOrDefault("fingerprint", ""), number(f.get("lastRunMillis")),
                            f.getOrDefault("origin", "unknown")));
                }
            }
        }
        return entries;
    }

    private static long number(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        AtomicFiles.writeString(target, content);
    }
}
