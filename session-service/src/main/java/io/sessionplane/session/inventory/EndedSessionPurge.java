package io.sessionplane.session.inventory;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Ended sessions are kept as markers for a while (late snapshots must not revive them), then forgotten. */
@ApplicationScoped
public class EndedSessionPurge {
    private static final Logger LOG = Logger.getLogger(EndedSessionPurge.class);

    @Inject
    SessionStore store;

    @ConfigProperty(name = "sessionplane.inventory.ended-retention", defaultValue = "PT1H")
    Duration retention;

    @Scheduled(every = "${sessionplane.inventory.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeEnded(System.currentTimeMillis() - retention.toMillis())
                .invoke(count -> LOG.debugf("purged %d ended session marker(s)", count))
                .onFailure().invoke(e -> LOG.warnf("purge of ended sessions failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
