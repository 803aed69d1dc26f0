package io.sessionplane.assist.session;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.assist.AssistConfig;
import io.sessionplane.kit.scheduling.ScheduledPurge;
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
        return ScheduledPurge.run(LOG, "ended session(s)",
                store.purgeEnded(System.currentTimeMillis() - config.endedSessionRetention().toMillis()));
    }
}
