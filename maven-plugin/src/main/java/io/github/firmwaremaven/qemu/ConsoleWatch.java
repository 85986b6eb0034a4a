package io.github.firmwaremaven.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a boot's console must show, read line by line as it arrives: checkpoints in their order (each
 * level of a nested boot proving itself), then the expected line; a line matching a fail-on pattern
 * ends the boot at once, on the machine's own report rather than a time-out. The expected line before
 * every checkpoint has passed is a failure too: it would prove a level that was skipped.
 */
public final class ConsoleWatch {
    /** A checkpoint passed: its pattern, the line that matched and when. */
    public record Passed(Pattern pattern, String line, Duration at) {}

    /** Why the console failed the boot, naming the line. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    private final List<Pattern> checkpoints;
    private final List<Pattern> failOn;
    private final Pattern expected;
    private final List<Passed> passed = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private int lineNumber;
    private Pattern trigger;
    private String triggeredBy;

    public ConsoleWatch(List<Pattern> checkpoints, List<Pattern> failOn, Pattern expected) {
        this.checkpoints = List.copyOf(checkpoints);
        this.failOn = List.copyOf(failOn);
        this.expected = expected;
    }

    public List<Passed> passed() {
        return List.copyOf(passed);
    }

    public Pattern expected() {
        return expected;
    }

    /** A line to note when it comes (the network check's ready line), whatever else it matches. */
    public ConsoleWatch trigger(Pattern t) {
        this.trigger = t;
        return this;
    }

    /** The line that matched the trigger, or null while none has. */
    public String triggeredBy() {
        return triggeredBy;
    }

    public int checkpointCount() {
        return checkpoints.size();
    }

    /** The checkpoint not reached yet, or null when all have passed. */
    public Pattern waitingFor() {
        return passed.size() < checkpoints.size() ? checkpoints.get(passed.size()) : null;
    }

    /**
     * Reads more console text; returns the expected match once it came after every checkpoint, else null.
     * A line still being written is only tried against the expected pattern (a prompt has no newline).
     */
    public String feed(CharSequence text, Duration at) throws Rejected {
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = clean(partial.substring(0, nl));
            partial.delete(0, nl + 1);
            lineNumber++;
            String match = line(line, at);
            if (match != null) {
                return match;
            }
        }
        if (waitingFor() == null && partial.length() > 0) {
            Matcher m = expected.matcher(clean(partial.toString()));
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /** The end of the console: a last line without newline is still a line. */
    public String end(Duration at) throws Rejected {
        if (partial.length() == 0) {
            return null;
        }
        String line = clean(partial.toString());
        partial.setLength(0);
        lineNumber++;
        return line(line, at);
    }

    private String line(String line, Duration at) throws Rejected {
        if (trigger != null && triggeredBy == null && trigger.matcher(line).find()) {
            triggeredBy = line;
        }
        for (Pattern f : failOn) {
            if (f.matcher(line).find()) {
                throw new Rejected("console line " + lineNumber + " matches the fail-on pattern '" + f + "': " + line);
            }
        }
        Pattern next = waitingFor();
        Matcher e = expected.matcher(line);
        if (next != null && next.matcher(line).find()) {
            passed.add(new Passed(next, line, at));
            return null;
        }
        if (e.find()) {
            if (next != null) {
                throw new Rejected("console line " + lineNumber + " shows the expected '" + expected + "' before "
                        + "checkpoint " + (passed.size() + 1) + " of " + checkpoints.size() + " ('" + next + "'): "
                        + line);
            }
            return e.group();
        }
        return null;
    }

    private static String clean(String line) {
        // Serial consoles end lines with CR LF and may carry escape sequences.
        return line.replace("\r", "");
    }
}
