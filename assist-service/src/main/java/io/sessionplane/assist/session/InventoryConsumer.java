package io.sessionplane.assist.session;

import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
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
        return deadLetters.parseOrDeadLetter(records, InventoryRecord::parse).chain(parsed -> {
            List<InventoryRecord> changes = InventoryRecord.latestPerSession(parsed);
            if (changes.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return RetryPolicy.untilDatabaseAnswers("session view", () -> store.apply(changes));
        });
    }
}
