package io.sessionplane.assist.session;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.assist.AssistConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Ended sessions stay in session_view for a while (late snapshots must not revive them, and share-space events still
 * name their user), then are forgotten, so the table holds live sessions rather than every session ever seen.
 */
@ApplicationScoped
public class EndedSessionPurgeJob {
    private static final Logger LOG = Logger.getLogger(EndedSessionPurgeJob.class);

    @Inject
    SessionViewStore store;

    @Inject
    AssistConfig config;

    @Scheduled(every = "${sessionplane.assist.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeEnded(System.currentTimeMillis() - config.endedSessionRetention().toMillis())
                .invoke(count -> LOG.debugf("purged %d ended session(s)", count))
                .onFailure().invoke(e -> LOG.warnf("purge of ended sessions failed (the next run, in %s, retries): %s",
                        config.purgeInterval(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
