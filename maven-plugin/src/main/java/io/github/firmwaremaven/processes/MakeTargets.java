package io.github.firmwaremaven.processes;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a make-driven build has got to, from its log: the last target it printed. */
public final class MakeTargets {
    // Kbuild (Linux, busybox) and coreboot print one quiet line per target: "  CC      kernel/fork.o",
    // "  LD [M]  fs/foo.ko", "    CC         romstage/lib/x.o".
    private static final Pattern TARGET = Pattern.compile("^ {2,6}([A-Z][A-Z0-9_]{0,11}(?: \\[M\\])?) +(\\S.*)$");

    /** Lines read from the end of the log; make prints many between two reports. */
    static final int SCANNED_LINES = 400;

    private MakeTargets() {}

    /** The last target line of {@code log} as {@code CC kernel/fork.o}, or null when there is none (yet). */
    public static String last(Path log) {
        return last(ProcessRunner.tail(log, SCANNED_LINES));
    }

    static String last(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = TARGET.matcher(lines.get(i));
            if (m.matches()) {
                return m.group(1) + " " + m.group(2).trim();
            }
        }
        return null;
    }
}
