package io.sessionplane.kit.lifecycle;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Database work a service starts on its own, outside a request or a consumer batch (the outbox relay's passes, the
 * job runner's claims). Once the instance is {@link #stopping()} it starts none, and the stop waits for the
 * {@link #tracked} passes under way before the database pool closes.
 */
@ApplicationScoped
public class BackgroundWork {
    private final AtomicInteger running = new AtomicInteger();
    private final Map<String, AtomicInteger> runningByName = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** True from the start of the stop on: start nothing new. */
    public boolean stopping() {
        return stopping;
    }

    /** The work, counted under its name from its subscription until it ends (item, failure or cancellation). */
    public <T> Uni<T> tracked(String name, Uni<T> work) {
        AtomicInteger named = runningByName.computeIfAbsent(name, key -> new AtomicInteger());
        return Uni.createFrom().deferred(() -> {
            running.incrementAndGet();
            named.incrementAndGet();
            return work.onTermination().invoke(() -> {
                named.decrementAndGet();
                running.decrementAndGet();
            });
        });
    }

    /** The names of the work under way, with how many of each, for the log of a stop that timed out. */
    public Map<String, Integer> runningByName() {
        return BusyCounts.of(runningByName);
    }

    /** Tracked work under way. */
    public int running() {
        return running.get();
    }

    void stop() {
        stopping = true;
    }
}
