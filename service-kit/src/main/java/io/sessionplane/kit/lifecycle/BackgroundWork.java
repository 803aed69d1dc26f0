package io.sessionplane.kit.lifecycle;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Database work a service starts on its own, outside a request or a consumer batch (the outbox relay's passes, the
 * job runner's claims). Once the instance is {@link #stopping()} it starts none, and the stop waits for the
 * {@link #tracked} passes under way before the database pool closes.
 *
 * <p>The work runs on a Vert.x context of its own, not on the one that woke it. Woken by an HTTP request (a job by its
 * creation), it used to stay on that request's context, and Vert.x cancels a context's timers when its deployment, the
 * HTTP server, stops: a job pacing its batches never woke up during a stop, and the stop gave up on it (ReplicasIT).
 */
@ApplicationScoped
public class BackgroundWork {
    private final Map<String, AtomicInteger> runningByName = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile Context context;

    @Inject
    Vertx vertx;

    /** Created from the main thread, so it belongs to no deployment (not the HTTP server's, not a consumer's). */
    void createContext(@Observes StartupEvent startup) {
        context = vertx.getOrCreateContext();
    }

    /** True from the start of the stop on: start nothing new. */
    public boolean stopping() {
        return stopping;
    }

    /** The work, counted under its name from its subscription until it ends (item, failure or cancellation). */
    public <T> Uni<T> tracked(String name, Uni<T> work) {
        AtomicInteger named = runningByName.computeIfAbsent(name, key -> new AtomicInteger());
        return Uni.createFrom().deferred(() -> {
            named.incrementAndGet();
            return work.onTermination().invoke(named::decrementAndGet);
        }).runSubscriptionOn(this::onOwnContext);
    }

    /** The names of the work under way, with how many of each, for the log of a stop that timed out. */
    public Map<String, Integer> runningByName() {
        return BusyCounts.of(runningByName);
    }

    /** Tracked work under way. */
    public int running() {
        return runningByName.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Before the startup event (and in unit tests) there is no context of its own yet: the caller's thread. */
    private void onOwnContext(Runnable task) {
        Context own = context;
        if (own == null) {
            task.run();
        } else {
            own.runOnContext(ignored -> task.run());
        }
    }

    void stop() {
        stopping = true;
    }
}
