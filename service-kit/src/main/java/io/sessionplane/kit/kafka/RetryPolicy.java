package io.sessionplane.kit.kafka;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * How consumers treat database failures: a database that is away (connection refused, shut down, overloaded) is
 * waited for with backoff, offsets do not move meanwhile, nothing is skipped; any other failure is the record's
 * fault and is handled record by record. Sends that must not be lost wait for the broker the same way.
 */
public final class RetryPolicy {
    private static final Logger LOG = Logger.getLogger(RetryPolicy.class);
    private static final Duration BACKOFF_MIN = Duration.ofMillis(500);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(15);

    private RetryPolicy() {
    }

    /** Runs the work until it succeeds or fails for a reason that retrying cannot fix. */
    public static <T> Uni<T> untilDatabaseAnswers(String what, Supplier<Uni<? extends T>> work) {
        return whileRetryable(what, work, RetryPolicy::transientFailure);
    }

    /**
     * Runs the work until it succeeds or fails with a failure {@code retryable} rejects (which the Uni then carries),
     * waiting with the same backoff between attempts.
     */
    public static <T> Uni<T> whileRetryable(String what, Supplier<Uni<? extends T>> work,
            Predicate<Throwable> retryable) {
        return Uni.createFrom().<T>deferred(work)
                .onFailure(retryable).invoke(e -> LOG.warnf("%s waits and retries: %s", what, e.getMessage()))
                .onFailure(retryable).retry().withBackOff(BACKOFF_MIN, BACKOFF_MAX).withJitter(0.2).indefinitely();
    }

    /**
     * Sends until the broker acknowledges. A failed send is the broker being away or overloaded, never the record's
     * fault, so it is retried without limit; debug level because a fleet of senders would flood the log while the
     * Kafka client already warns about the broker.
     */
    public static <T> Uni<T> untilBrokerAcknowledges(String what, Supplier<Uni<? extends T>> send) {
        return Uni.createFrom().<T>deferred(send)
                .onFailure().invoke(e -> LOG.debugf("%s waits for the broker: %s", what, e.getMessage()))
                .onFailure().retry().withBackOff(BACKOFF_MIN, BACKOFF_MAX).withJitter(0.2).indefinitely();
    }

    /** Connection-level trouble or PostgreSQL classes 08 (connection), 53 (resources), 57 (operator), 40 (retry). */
    public static boolean transientFailure(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40"));
            }
            if (e instanceof IOException || e instanceof io.vertx.core.VertxException
                    || e instanceof java.util.concurrent.TimeoutException
                    || e instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || e.getClass().getName().startsWith("io.netty.channel")) {
                return true;
            }
        }
        return false;
    }
}
