package io.sessionplane.assist.session;

import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
        return deadLetters.parseOrDeadLetter(records, InventoryRecord::parse).chain(changes -> {
            List<SessionSnapshot> snapshots = new ArrayList<>();
            List<Tuple> ended = new ArrayList<>();
            InventoryRecord.latestPerSession(changes).forEach(change -> {
                if (!change.tombstone()) {
                    snapshots.add(change.snapshot());
                } else {
                    ended.add(Tuple.of(change.sessionId(), change.observedAt()));
                }
            });
            if (snapshots.isEmpty() && ended.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return RetryPolicy.untilDatabaseAnswers("session view", () -> store.apply(snapshots, ended));
        });
    }
}
