package io.sessionplane.kit.lifecycle;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Waits on a Vert.x timer of a context of its own. A timer belongs to the context it was set from, and Vert.x cancels
 * it when that context's deployment goes: work that began in an HTTP request (a job woken by its creation) and waited
 * there never woke up once the HTTP server stopped, and the stop gave up on it (ReplicasIT). Mutiny's
 * {@code delayIt()} came back to the same context and hung the same way.
 */
@ApplicationScoped
public class Delays {

    @Inject
    Vertx vertx;

    private volatile Context timers;

    /** Created from the main thread, so it belongs to no deployment (not the HTTP server's, not a consumer's). */
    void createContext(@Observes StartupEvent startup) {
        timers = vertx.getOrCreateContext();
    }

    /** Completes after the duration (at once when it is not positive), on this bean's context. */
    public Uni<Void> after(Duration duration) {
        long millis = duration.toMillis();
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        Context context = timers != null ? timers : vertx.getOrCreateContext();
        return Uni.createFrom().emitter(emitter -> context.runOnContext(start -> vertx.setTimer(millis,
                id -> emitter.complete(null))));
    }
}
