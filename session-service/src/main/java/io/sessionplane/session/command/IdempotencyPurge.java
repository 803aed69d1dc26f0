package io.sessionplane.session.command;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Idempotency records older than 24 hours are deleted (they no longer match anyway). */
@ApplicationScoped
public class IdempotencyPurge {
    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    @Inject
    IdempotencyStore store;

    @Scheduled(every = "${sessionplane.idempotency.purge-interval:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeExpired()
                .invoke(count -> LOG.debugf("purged %d idempotency record(s)", count))
                .onFailure().invoke(e -> LOG.warnf("purge of idempotency records failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
