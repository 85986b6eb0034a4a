package io.github.firmwaremaven.logging;

import java.util.function.Supplier;

/**
 * How the core shows that long work is alive (a download, a step). The plugin decides the form from
 * Maven's own settings: an updating line in a terminal ({@link ConsoleLine}), a log line every ten
 * seconds in batch mode ({@link Heartbeat}), nothing with {@code -q} ({@link #NONE}). The core only
 * says what runs and how far it has got.
 */
public interface Progress {
    /**
     * Reports on {@code label} until the returned task is closed. {@code status} is asked from another
     * thread each time a report is due; it may return null when there is nothing to say but the time.
     * Work that ends before the first report is due shows nothing.
     */
    Task start(String label, Supplier<String> status);

    /** One piece of work being reported on; closing it stops its reports. */
    interface Task extends AutoCloseable {
        @Override
        void close();
    }

    Progress NONE = (label, status) -> () -> {};
}
