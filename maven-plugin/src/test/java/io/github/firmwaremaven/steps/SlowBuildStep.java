package io.github.firmwaremaven.steps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A step that behaves like make: it skips objects that already exist (make trusts them), writes each
 * object in two halves with a pause between, and leaves a background child running. Used by the
 * kill -9 test, which runs it in a separate JVM through {@link #main}.
 */
public final class SlowBuildStep {
    static final int OBJECTS = 6;

    private SlowBuildStep() {}

    static Step step(Path work) {
        Path obj = work.resolve("obj");
        return Step.named("compile")
                .inputs(fp -> fp.param("objects", OBJECTS))
                .workArea(obj)
                .output(obj.resolve("f" + OBJECTS))
                .action(ctx -> {
                    Files.createDirectories(obj);
                    String script = "sleep 600 &\n" // a grandchild that outlives nothing it should
                            + "for i in $(seq 1 " + OBJECTS + "); do\n"
                            + "  [ -f obj/f$i ] && continue\n"
                            + "  printf 'partial' > obj/f$i\n"
                            + "  if [ $i -eq 3 ] && [ -f hang-at-3 ]; then touch obj/at3; sleep 600; fi\n"
                            + "  printf 'complete %s' $i > obj/f$i\n"
                            + "done\n";
                    ctx.run(ctx.command(work, "sh", "-c", script).build());
                })
                .build();
    }

    /** args: build area, work dir. */
    public static void main(String[] args) throws Exception {
        Path area = Paths.get(args[0]);
        Path work = Paths.get(args[1]);
        StepMachine m = StepMachine.forBuildArea(area, BuildTimestamp.of(1_700_000_000L), new RecordingLog());
        m.run(step(work));
    }
}
