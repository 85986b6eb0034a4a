package io.github.firmwaremaven.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConsoleLineTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final FakeClock clock = new FakeClock();
    final ManualTicker ticker = new ManualTicker();
    final ConsoleLine line = new ConsoleLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new Pace(ConsoleLine.PERIOD, clock, ticker));

    String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    void aSecondPasses() {
        clock.advance(Duration.ofSeconds(1));
        ticker.tick();
    }

    @Test
    void oneLineIsRewrittenInPlaceEachSecondAndWipedAtTheEnd() {
        AtomicReference<String> status = new AtomicReference<>("1 MiB of 3 MiB");
        try (Progress.Task t = line.start("Downloading a.tar.gz", status::get)) {
            aSecondPasses();
            status.set("3 MiB of 3 MiB");
            aSecondPasses();
        }
        String first = "Downloading a.tar.gz (1 s): 1 MiB of 3 MiB";
        String second = "Downloading a.tar.gz (2 s): 3 MiB of 3 MiB";
        assertEquals("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r", printed());
        assertTrue(!printed().contains("\n"), "never a new line");
        assertEquals(0, ticker.active());
    }

    @Test
    void aShorterTextOverwritesTheRestOfTheLongerOne() {
        AtomicReference<String> status = new AtomicReference<>("last target CC kernel/fork.o");
        try (Progress.Task t = line.start("kernel-build", status::get)) {
            aSecondPasses();
            status.set(null);
            aSecondPasses();
        }
        String longer = "kernel-build (1 s): last target CC kernel/fork.o";
        String shorter = "kernel-build (2 s)";
        assertTrue(printed().startsWith("\r" + longer + "\r" + shorter + " ".repeat(longer.length() - shorter.length())),
                printed());
    }

    @Test
    void workRunningAtTheSameTimeSharesTheLineWhichStaysWithinEightyColumns() {
        Progress.Task a = line.start("Downloading a.tar.gz", () -> "1 MiB of 3 MiB");
        Progress.Task b = line.start("Downloading b.tar.gz", () -> "2 MiB of 9 MiB");
        assertEquals(1, ticker.active(), "one ticker for the one line");
        aSecondPasses();
        String text = printed().substring(1);
        assertTrue(text.startsWith("Downloading a.tar.gz (1 s): 1 MiB of 3 MiB | Downloading b.tar.gz"), text);
        assertEquals(ConsoleLine.WIDTH, text.length());
        assertTrue(text.endsWith("..."), text);
        a.close();
        assertEquals(1, ticker.active(), "b still runs");
        b.close();
        assertEquals(0, ticker.active());
        assertTrue(printed().endsWith("\r" + " ".repeat(ConsoleLine.WIDTH) + "\r"), printed());
    }

    @Test
    void workEndingBeforeTheFirstRedrawPrintsNothing() {
        try (Progress.Task t = line.start("Downloading tiny.txt", () -> "0 MiB of 0 MiB")) {
            clock.advance(Duration.ofMillis(300));
        }
        assertEquals("", printed());
    }

    @Test
    void aLogLineWipesTheLineWhichTheNextRedrawBringsBack() {
        try (Progress.Task t = line.start("kernel-build", () -> null)) {
            aSecondPasses();
            line.clear();
            assertEquals("\rkernel-build (1 s)\r" + " ".repeat(18) + "\r", printed());
            line.clear();
            assertEquals("\rkernel-build (1 s)\r" + " ".repeat(18) + "\r", printed(), "nothing to wipe twice");
            aSecondPasses();
            assertTrue(printed().endsWith("\r" + " ".repeat(18) + "\r\rkernel-build (2 s)"), printed());
        }
    }
}
