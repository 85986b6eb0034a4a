package io.github.firmwaremaven.logging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ticker the test drives: {@link #tick()} runs every action that has not been stopped. */
public final class ManualTicker implements Ticker {
    private final List<Runnable> active = new CopyOnWriteArrayList<>();
    public final List<Duration> periods = new CopyOnWriteArrayList<>();

    @Override
    public Runnable every(Duration period, Runnable tick) {
        periods.add(period);
        active.add(tick);
        return () -> active.remove(tick);
    }

    public void tick() {
        active.forEach(Runnable::run);
    }

    public int active() {
        return active.size();
    }
}
