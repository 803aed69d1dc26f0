package io.sessionplane.session.inventory;

import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the session read model from {@code session.inventory.v1}. A batch is committed to PostgreSQL in one
 * transaction before its offsets are; a record that is not a snapshot goes to the dead-letter topic.
 */
@ApplicationScoped
public class InventoryProjection {
    private static final Logger LOG = Logger.getLogger(InventoryProjection.class);

    @Inject
    SessionStore store;

    @Inject
    DeadLetters deadLetters;

    @Incoming("inventory")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, InventoryRecord::parse).chain(parsed -> {
            List<InventoryRecord> changes = InventoryRecord.latestPerSession(parsed);
            if (changes.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return RetryPolicy.untilDatabaseAnswers("inventory projection", () -> store.apply(changes))
                    .invoke(() -> LOG.debugf("applied %d inventory change(s)", changes.size()));
        });
    }
}
