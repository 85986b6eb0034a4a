package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.archives.ArchiveExtractor;
import io.github.firmwaremaven.logging.BuildLog;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The core path of fetch-sources for one archive, without Maven: download, verify, extract into the
 * build cache. Used by it/benchmarks/fetch-linux.sh. Arguments: URL SHA256 WORKDIR [hostXz=true].
 */
public final class FetchBenchmark {
    private FetchBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String sha256 = args[1];
        Path work = Paths.get(args[2]);
        boolean hostXz = args.length < 4 || Boolean.parseBoolean(args[3]);
        long t0 = System.nanoTime();
        SourceSpec spec = SourceSpec.builder("linux").url(url).sha256(sha256).build();
        FetchOptions options = FetchOptions.defaults(work.resolve("downloads"));
        BuildLog log = new BuildLog() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARN " + message);
            }

            @Override
            public void debug(String message) {}
        };
        SourcePreparer preparer = new SourcePreparer(options, Fixtures.steps(work.resolve("build"), log), List.of(),
                hostXz ? ArchiveExtractor.withHostXz(null) : ArchiveExtractor.javaOnly(), log);
        preparer.fetchAll(List.of(spec));
        long t1 = System.nanoTime();
        SourceRegistry r = preparer.prepare(List.of(spec), work.resolve("area"));
        long t2 = System.nanoTime();
        System.out.printf("fetch+verify %.2f s, extract %.2f s, tree %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                r.tree("linux"));
    }
}
