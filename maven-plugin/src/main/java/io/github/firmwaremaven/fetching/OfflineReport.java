package io.github.firmwaremaven.fetching;

import java.util.List;

/** The one message an offline build gives for everything the cache lacks. */
public final class OfflineReport {
    /** A file of a source the cache does not have, with where it would come from. */
    public record Missing(SourceSpec spec, List<String> urls, String file) {
        /** The source's own file. */
        public Missing(SourceSpec spec, List<String> urls) {
            this(spec, urls, spec.fileName());
        }
    }

    private OfflineReport() {}

    public static String message(List<Missing> missing) {
        StringBuilder m = new StringBuilder("Offline (-o) and the download cache lacks " + missing.size()
                + " source file(s):");
        for (Missing x : missing) {
            m.append("\n  ").append(x.spec().name()).append(": ").append(x.file());
            for (String u : x.urls()) {
                m.append("\n      ").append(u);
            }
        }
        m.append("\nFill the cache online with: mvn firmware:fetch-sources   (then re-run with -o)");
        return m.toString();
    }
}
