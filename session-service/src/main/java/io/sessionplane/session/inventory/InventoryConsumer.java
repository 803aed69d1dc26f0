package io.sessionplane.session.inventory;

import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the session read model from {@code session.inventory.v1}. A batch is committed to PostgreSQL in one
 * transaction before its offsets are; a record that is not a snapshot goes to the dead-letter topic.
 */
@ApplicationScoped
public class InventoryConsumer {
    private static final Logger LOG = Logger.getLogger(InventoryConsumer.class);

    @Inject
    SessionStore store;

    @Inject
    DeadLetters deadLetters;

    @Incoming("inventory")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return InventoryRecord.applyLatest(records, deadLetters, "inventory projection", changes ->
                store.apply(changes).invoke(() -> LOG.debugf("applied %d inventory change(s)", changes.size())));
    }
}
