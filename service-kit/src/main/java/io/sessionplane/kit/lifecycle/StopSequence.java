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
 * this pauses the scheduled jobs, the background work and every incoming channel, waits for the batches and passes
 * already under way, and withholds whatever still arrives; {@code io.sessionplane.kit.db.PoolCloseOrder} makes the
 * pool close after it.
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

    @Inject
    BackgroundWork background;

    /** First of the shutdown observers: the Kafka Streams and admin clients close after this. */
    void drain(@Observes @Priority(1) ShutdownEvent shutdown) {
        background.stop();
        // Not started: no scheduled method in this service, or the scheduler is switched off.
        if (scheduler.isResolvable() && scheduler.get().isStarted()) {
            scheduler.get().pause();
        }
        consumers.pause();
        long started = System.nanoTime();
        long deadline = started + config.drainTimeout().toNanos();
        long handled = consumers.handedOver() - consumers.inFlight();
        awaitIdle(started + config.drainSettle().toNanos(), deadline);
        // A record asked for before the pause may still come (a poll under way, or a record produced later on an
        // idle channel): from here on it is not handled. One that slipped through just before is waited for too.
        consumers.withhold();
        int left = awaitIdle(started, deadline);
        long waited = (System.nanoTime() - started) / 1_000_000;
        if (left > 0) {
            LOG.warnf("stopping: still under way after %d ms: consumer messages %s, background work %s; what they "
                    + "consumed is not committed and goes to the next owner of its partitions", waited,
                    consumers.inFlightByChannel(), background.runningByName());
        } else {
            LOG.infof("stopping: scheduled jobs and consumers paused, %d message(s) under way finished in %d ms",
                    consumers.handedOver() - handled, waited);
        }
    }

    /** Waits until nothing is under way and the settle time has passed, or the deadline; returns what is left. */
    private int awaitIdle(long settled, long deadline) {
        int left = underWay();
        while ((left > 0 || System.nanoTime() < settled) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = underWay();
        }
        return left;
    }

    private int underWay() {
        return consumers.inFlight() + background.running();
    }
}
