package io.github.firmwaremaven.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told. */
public final class FakeClock implements LongSupplier {
    private volatile long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return nanos;
    }

    public void advance(Duration d) {
        nanos += d.toNanos();
    }
}
