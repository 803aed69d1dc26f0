package io.sessionplane.kit.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Stops the work that uses the database before the database pool closes. Left to Quarkus, the pool closes first
 * and the Kafka consumers last: a batch under way then retried against a closed pool until the connector's close
 * timeout (5 s a channel), and the scheduled jobs failed every second until the end. On {@link ShutdownEvent}
 * this pauses the scheduled jobs and every incoming channel, waits for the batches already handed over, and
 * withholds whatever still arrives; {@code io.sessionplane.kit.db.PoolCloseOrder} makes the pool close after it.
 */
@ApplicationScoped
public class StopSequence {
    private static final Logger LOG = Logger.getLogger(StopSequence.class);

    @Inject
    ConsumerDrain consumers;

    @Inject
    Instance<Scheduler> scheduler;

    @Inject
    StopConfig config;

    /** First of the shutdown observers: the Kafka Streams and admin clients close after this. */
    void drain(@Observes @Priority(1) ShutdownEvent shutdown) {
        // Not started: no scheduled method in this service, or the scheduler is switched off.
        if (scheduler.isResolvable() && scheduler.get().isStarted()) {
            scheduler.get().pause();
        }
        consumers.pause();
        long started = System.nanoTime();
        long settled = started + config.drainSettle().toNanos();
        long deadline = started + config.drainTimeout().toNanos();
        long handled = consumers.handedOver() - consumers.inFlight();
        int left = consumers.inFlight();
        while ((left > 0 || System.nanoTime() < settled) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = consumers.inFlight();
        }
        // A record asked for before the pause may still come (a poll under way); after this point it is not handled.
        consumers.withhold();
        long waited = (System.nanoTime() - started) / 1_000_000;
        if (left > 0) {
            LOG.warnf("stopping: %d consumer message(s) still under way after %d ms; they are not committed and go to "
                    + "the next owner of their partitions", left, waited);
        } else {
            LOG.infof("stopping: scheduled jobs and consumers paused, %d message(s) under way finished in %d ms",
                    consumers.handedOver() - handled, waited);
        }
    }
}
