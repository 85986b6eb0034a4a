package io.github.firmwaremaven.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How often a progress report comes and the clock it reads: the real ones in builds, a hand-moved
 * clock and ticker in tests.
 */
public record Pace(Duration period, LongSupplier nanoClock, Ticker ticker) {
    /** Every {@code period} on the system's clock, from a daemon thread. */
    public static Pace every(Duration period) {
        return new Pace(period, System::nanoTime, Ticker.DAEMON);
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** Runs {@code tick} every period until the result runs. */
    Runnable schedule(Runnable tick) {
        return ticker.every(period, tick);
    }
}
