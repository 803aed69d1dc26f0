package io.sessionplane.audit.retention;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.audit.AuditConfig;
import io.sessionplane.audit.ingest.AuditStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes audit records older than {@code sessionplane.audit.retention} in batches (short transactions, so ingest
 * is never blocked for long). Off unless a retention is set.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    AuditStore store;

    @Inject
    AuditConfig config;

    @Scheduled(every = "${sessionplane.audit.retention-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure()
                .invoke(e -> LOG.warnf("audit retention run failed (the next run, in %s, retries): %s",
                        config.retentionInterval(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Deletes every record older than the retention, and the session groups last told before it (a session silent
     * for that long has ended); returns how many records went.
     */
    public Uni<Long> purge() {
        Optional<Duration> retention = config.retention();
        if (retention.isEmpty() || retention.get().isZero() || retention.get().isNegative()) {
            return Uni.createFrom().item(0L);
        }
        long cutoff = System.currentTimeMillis() - retention.get().toMillis();
        return deleteFrom(cutoff, 0L, store::deleteOlderThan)
                .call(() -> deleteFrom(cutoff, 0L, store::deleteSessionGroupsOlderThan)).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("retention deleted %d audit record(s) older than %s", deleted, retention.get());
            }
        });
    }

    /** Deletes in batches of retention-batch-size until a batch comes back short. */
    private Uni<Long> deleteFrom(long cutoff, long soFar, Deletion deletion) {
        int batchSize = config.retentionBatchSize();
        return deletion.delete(cutoff, batchSize).chain(deleted -> {
            long total = soFar + deleted;
            return deleted < batchSize ? Uni.createFrom().item(total) : deleteFrom(cutoff, total, deletion);
        });
    }

    @FunctionalInterface
    private interface Deletion {
        Uni<Integer> delete(long cutoff, int limit);
    }
}
