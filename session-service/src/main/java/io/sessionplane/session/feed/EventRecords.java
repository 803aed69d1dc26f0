package io.sessionplane.session.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.kafka.KafkaClientSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The transport side of the feed: consumers of session.events.v1 as the feed needs them (assigned, no group,
 * {@code read_committed}: aborted transactions never reach a client), and records turned into {@link FeedEntry}s.
 */
final class EventRecords {
    private static final Logger LOG = Logger.getLogger(EventRecords.class);
    private static final String TOPIC = Topics.SESSION_EVENTS;

    private final Map<String, Object> kafka;
    private final FeedMetrics metrics;

    /** @param kafka the connector's broker settings (bootstrap servers, security); consumer settings are ours */
    EventRecords(Map<String, Object> kafka, FeedMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /**
     * The tailer's consumer: a fetch returns once a window has passed (or a megabyte gathered), so the streams get the
     * events of a window in one turn.
     */
    KafkaConsumer<String, String> tailingConsumer(java.time.Duration batchWindow) {
        return consumer("tail", 1000, Map.of(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.max(1, batchWindow.toMillis()),
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024));
    }

    KafkaConsumer<String, String> consumer(String purpose, int maxPollRecords) {
        return consumer(purpose, maxPollRecords, Map.of());
    }

    private KafkaConsumer<String, String> consumer(String purpose, int maxPollRecords, Map<String, Object> tuning) {
        Properties props = KafkaClientSettings.connection(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-service-feed-" + purpose + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A position past the log end (a recreated topic) or before its start (retention) restarts at the start.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.putAll(tuning);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Assigns every partition of the topic, 0 first; their count fixes the length of cursors. */
    static List<TopicPartition> assignAll(KafkaConsumer<String, String> consumer) {
        var infos = consumer.partitionsFor(TOPIC);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(TOPIC + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < infos.size(); p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        consumer.assign(partitions);
        return partitions;
    }

    static long[] positions(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        long[] positions = new long[partitions.size()];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = consumer.position(partitions.get(p));
        }
        return positions;
    }

    /** The readable records of one poll, in order; an unreadable one is counted and skipped (its offset passes). */
    List<FeedEntry> entries(ConsumerRecords<String, String> records) {
        List<FeedEntry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            FeedEntry entry = entry(record);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private FeedEntry entry(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode tree = JsonCodec.mapper().readTree(record.value());
            // An enum value a newer producer added (an event type this instance does not know yet, mid-upgrade) reads
            // as null: the event is still delivered, as written, and filters on that field do not match it.
            SessionEvent event = JsonCodec.tolerantReader().treeToValue(tree, SessionEvent.class);
            // Compact and on one line whatever the producer wrote, unknown (newer, optional) fields kept.
            return new FeedEntry(record.partition(), record.offset(), event, JsonCodec.mapper().writeValueAsString(tree));
        } catch (Exception e) {
            metrics.unreadable();
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
