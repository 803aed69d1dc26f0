package io.sessionplane.session.command;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.kit.scheduling.ScheduledPurge;
import io.sessionplane.session.config.SessionServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Command statuses are kept for {@code sessionplane.commands.status-retention} (the audit log keeps the history). */
@ApplicationScoped
public class CommandStatusPurgeJob {
    private static final Logger LOG = Logger.getLogger(CommandStatusPurgeJob.class);

    @Inject
    CommandStatusStore store;

    @Inject
    SessionServiceConfig.Commands config;

    @Scheduled(every = "${sessionplane.commands.purge-interval}", delayed = "3m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return ScheduledPurge.run(LOG, "command status(es)",
                store.purgeOlderThan(System.currentTimeMillis() - config.statusRetention().toMillis()));
    }
}
