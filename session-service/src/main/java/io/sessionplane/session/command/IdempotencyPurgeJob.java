package io.sessionplane.session.command;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.kit.scheduling.ScheduledPurge;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Idempotency records older than 24 hours are deleted (they no longer match anyway). */
@ApplicationScoped
public class IdempotencyPurgeJob {
    private static final Logger LOG = Logger.getLogger(IdempotencyPurgeJob.class);

    @Inject
    IdempotencyStore store;

    @Scheduled(every = "${sessionplane.idempotency.purge-interval}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return ScheduledPurge.run(LOG, "idempotency record(s)", store.purgeExpired());
    }
}
