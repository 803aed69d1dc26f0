package io.sessionplane.assist.session;

import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** session.inventory.v1 → session_view: which session is on which desktop, in which access group. */
@ApplicationScoped
public class InventoryConsumer {

    @Inject
    SessionViewStore store;

    @Inject
    DeadLetters deadLetters;

    @Incoming("inventory")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return InventoryRecord.applyLatest(records, deadLetters, "session view", store::apply);
    }
}
