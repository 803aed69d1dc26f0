package io.sessionplane.session.inventory;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.kit.scheduling.ScheduledPurge;
import io.sessionplane.session.config.SessionServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Ended sessions are kept as markers for a while (late snapshots must not revive them), then forgotten. */
@ApplicationScoped
public class EndedSessionPurgeJob {
    private static final Logger LOG = Logger.getLogger(EndedSessionPurgeJob.class);

    @Inject
    SessionStore store;

    @Inject
    SessionServiceConfig.Inventory config;

    @Scheduled(every = "${sessionplane.inventory.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return ScheduledPurge.run(LOG, "ended session marker(s)",
                store.purgeEnded(System.currentTimeMillis() - config.endedRetention().toMillis()));
    }
}
