package io.sessionplane.kit.kafka;

import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * One record of {@code session.inventory.v1}: a snapshot, or a tombstone (snapshot null) meaning the session ended.
 *
 * @param observedAt the snapshot's observed_at, or for a tombstone its ce_time (else the record timestamp)
 */
public record InventoryRecord(String sessionId, SessionSnapshot snapshot, long observedAt) {

    public boolean tombstone() {
        return snapshot == null;
    }

    /**
     * The newest record of each session in a batch, in first-seen order: a session's key stays on one partition, in
     * order, so older records of the same batch would only be overwritten.
     */
    public static List<InventoryRecord> latestPerSession(List<InventoryRecord> batch) {
        Map<String, InventoryRecord> latest = new LinkedHashMap<>();
        batch.forEach(record -> latest.put(record.sessionId(), record));
        return List.copyOf(latest.values());
    }

    /**
     * How a read model consumes a batch of {@code session.inventory.v1}: records that are not snapshots or tombstones
     * go to the dead-letter topic; the newest record of each session is applied, waiting while the database is away.
     */
    public static Uni<Void> applyLatest(ConsumerRecords<String, String> records, DeadLetters deadLetters, String what,
            Function<List<InventoryRecord>, Uni<Void>> apply) {
        return deadLetters.parseOrDeadLetter(records, InventoryRecord::parse).chain(parsed -> {
            List<InventoryRecord> latest = latestPerSession(parsed);
            return latest.isEmpty() ? Uni.createFrom().voidItem()
                    : RetryPolicy.untilDatabaseAnswers(what, () -> apply.apply(latest));
        });
    }

    /** Parses a record; anything that is not a well-formed snapshot keyed by its session id is refused. */
    public static InventoryRecord parse(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.key().isBlank()) {
            throw new IllegalArgumentException("record has no session id key");
        }
        if (record.value() == null) {
            String time = CloudEvents.header(record.headers(), CloudEventHeaders.TIME);
            try {
                return new InventoryRecord(record.key(), null, AgentClock.notInTheFuture(
                        time != null ? Instant.parse(time).toEpochMilli() : record.timestamp(), "ce_time"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ce_time is not an RFC 3339 time: " + time);
            }
        }
        SessionSnapshot snapshot = JsonCodec.read(record.value(), SessionSnapshot.class);
        if (snapshot.session() == null || snapshot.session().id() == null) {
            throw new IllegalArgumentException("snapshot has no session id");
        }
        if (!snapshot.session().id().equals(record.key())) {
            throw new IllegalArgumentException("snapshot of session " + snapshot.session().id() + " keyed as "
                    + record.key());
        }
        if (snapshot.observedAt() <= 0) {
            throw new IllegalArgumentException("snapshot has no observed_at");
        }
        return new InventoryRecord(record.key(), snapshot, AgentClock.notInTheFuture(snapshot.observedAt(),
                "observed_at"));
    }
}
