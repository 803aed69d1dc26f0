package io.sessionplane.session.stream;

import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.kafka.CommandRecords;
import io.sessionplane.kit.kafka.InventoryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The one place session.events.v1 is written: every input record (all keyed by session id, all co-partitioned) is
 * read with the session's {@link TimelineState}, the derived events are forwarded and the new state stored. Kafka
 * Streams commits the input offsets, the state store's changelog and the output in one transaction (exactly-once v2),
 * so a crash mid-batch neither drops nor repeats an event.
 */
class SessionTimelineProcessor implements Processor<String, String, String, String> {
    static final String STORE = "session-timeline";
    private static final Logger LOG = Logger.getLogger(SessionTimelineProcessor.class);

    private final Duration endedRetention;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, TimelineState> store;

    SessionTimelineProcessor(Duration endedRetention) {
        this.endedRetention = endedRetention;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        // Ended sessions keep their sequence for a while (a late outcome continues it), then are forgotten.
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::forgetEnded);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || record.key().isBlank()) {
            return;
        }
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        TimelineState known = Optional.ofNullable(store.get(record.key())).orElseGet(TimelineState::unknown);
        SessionEventDeriver.Derived derived;
        try {
            derived = derive(known, record, metadata);
        } catch (RuntimeException e) {
            // The topic's own consumers dead-letter what cannot be parsed; the timeline does not tell it, and says so
            // (the public stream's gap rule cannot show a fact that never got a number).
            LOG.warnf("record %s-%d@%d not told on the event stream: %s", metadata.topic(), metadata.partition(),
                    metadata.offset(), e.toString());
            return;
        }
        if (derived == null) {
            return;
        }
        store.put(record.key(), derived.state());
        for (SessionEvent event : derived.events()) {
            context.forward(new Record<>(record.key(), JsonCodec.write(event), record.timestamp(), headers(event)));
        }
    }

    private SessionEventDeriver.Derived derive(TimelineState known, Record<String, String> record,
            RecordMetadata metadata) {
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(metadata.topic(), metadata.partition(),
                metadata.offset(), record.timestamp(), TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(),
                record.headers(), Optional.empty());
        SessionEventDeriver.Origin origin = new SessionEventDeriver.Origin(metadata.topic(), metadata.partition(),
                metadata.offset());
        return switch (metadata.topic()) {
            case Topics.SESSION_INVENTORY -> {
                InventoryRecord inventory = InventoryRecord.parse(consumed);
                yield inventory.tombstone()
                        ? SessionEventDeriver.ended(known, inventory.sessionId(), inventory.observedAt(), origin)
                        : SessionEventDeriver.snapshot(known, inventory.snapshot(), origin);
            }
            case Topics.SESSION_COMMANDS -> SessionEventDeriver.requested(known, CommandRecords.command(consumed),
                    origin);
            case Topics.SESSION_OUTCOMES -> SessionEventDeriver.outcome(known, CommandRecords.outcome(consumed),
                    origin);
            case Topics.ASSIST_OUTCOMES -> record.value() == null ? null : SessionEventDeriver.assistance(known,
                    JsonCodec.read(record.value(), AssistOutcome.class), origin);
            default -> null;
        };
    }

    /** Binary-mode CloudEvents: the value stays the plain JSON any consumer reads; the attributes are headers. */
    static Headers headers(SessionEvent event) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, event.eventId());
        add(headers, CloudEventHeaders.SOURCE, SessionEvent.SOURCE);
        add(headers, CloudEventHeaders.TYPE, event.kind().cloudEventType());
        add(headers, CloudEventHeaders.SUBJECT, event.sessionId());
        add(headers, CloudEventHeaders.TIME, Instant.ofEpochMilli(event.time()).toString());
        add(headers, CloudEventHeaders.DATA_SCHEMA, SessionEvent.DATA_SCHEMA);
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void forgetEnded(long now) {
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, TimelineState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, TimelineState> entry = all.next();
                if (entry.value.endedAt() > 0 && entry.value.endedAt() < now - endedRetention.toMillis()) {
                    forgotten.add(entry.key);
                }
            }
        }
        forgotten.forEach(store::delete);
    }
}
