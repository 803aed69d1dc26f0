package io.sessionplane.kit.outbox;

import io.smallrye.mutiny.Uni;

/**
 * What a service's outbox records are published with: a service that writes records to its {@code outbox} table
 * provides one bean of this type, and {@link OutboxRelay} hands it each record in the order they were written.
 */
public interface OutboxPublisher {
    /** Publishes one record of the channel; completes when the broker acknowledged it. */
    Uni<Void> publish(String channel, String payload);
}
