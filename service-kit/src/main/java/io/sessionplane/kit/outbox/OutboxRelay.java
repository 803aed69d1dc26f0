package io.sessionplane.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessionplane.kit.lifecycle.BackgroundWork;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes a service's outbox: the oldest records in the order they were written, each acknowledged by the broker,
 * then deleted, all under one replica-wide lease (an advisory lock held by the transaction). Woken after every commit
 * that wrote records and polled every {@code sessionplane.outbox.poll-interval} (1 s) for what a failed pass left.
 * Idle in services without an {@link OutboxPublisher}.
 *
 * <p>At least once: a relay that crashes after the broker's ack and before its delete sends those records again.
 * Their ids are derived from what they announce, so consumers tell them apart (audit keeps one row per event id, the
 * public stream tells an event id once).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int BATCH = 500;

    @Inject
    Instance<Pool> pool;

    @Inject
    OutboxStore store;

    @Inject
    Instance<OutboxPublisher> publisher;

    @Inject
    MeterRegistry registry;

    @Inject
    BackgroundWork background;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean metered;

    /** Runs a pass now, or right after the one running (records written meanwhile are not left for the poll). */
    public void wake() {
        // Stopping: what is left stays in the outbox for the next poll of any replica.
        if (!publisher.isResolvable() || !pool.isResolvable() || background.stopping()) {
            return;
        }
        if (!metered) {
            metered = true;
            Gauge.builder("sessionplane.outbox.published", published, AtomicLong::get)
                    .description("outbox records published since start").register(registry);
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            background.tracked("outbox relay", drain()).subscribe().with(sent -> finished(), failure -> {
                LOG.warnf("the outbox could not be published (retried within the poll interval): %s",
                        failure.toString());
                finished();
            });
        }
    }

    private void finished() {
        running.set(false);
        if (again.get()) {
            wake();
        }
    }

    @Scheduled(every = "${sessionplane.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Passes until a pass finds less than a full batch. */
    private Uni<Integer> drain() {
        return pass().chain(sent -> sent == BATCH && !background.stopping() ? drain() : Uni.createFrom().item(sent));
    }

    private Uni<Integer> pass() {
        return pool.get().withTransaction(transaction -> store.lease(transaction).chain(leased -> {
            if (!leased) {
                return Uni.createFrom().item(0);
            }
            return store.oldest(transaction, BATCH).chain(entries -> entries.isEmpty() ? Uni.createFrom().item(0)
                    : publish(entries).chain(() -> store.delete(transaction, entries.stream()
                            .map(OutboxStore.Entry::id).toList())).invoke(() -> published.addAndGet(entries.size()))
                            .replaceWith(entries.size()));
        }));
    }

    /** Sends in written order (the emitters keep it per partition); completes when the broker acked them all. */
    private Uni<Void> publish(List<OutboxStore.Entry> entries) {
        OutboxPublisher target = publisher.get();
        return Uni.join().all(entries.stream().map(entry -> Uni.createFrom().deferred(() -> target.publish(
                entry.channel(), entry.payload()))).toList()).andFailFast().replaceWithVoid();
    }
}
