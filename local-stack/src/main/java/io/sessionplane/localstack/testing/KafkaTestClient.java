package io.sessionplane.localstack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real Kafka producer and consumer for tests: put records on topics, read them back. */
public final class KafkaTestClient implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaTestClient shared;

    public static KafkaTestClient forTests() {
        return new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
    }

    /** One client per test JVM, for the test infrastructure's broker; closed when the JVM exits. */
    public static synchronized KafkaTestClient shared() {
        if (shared == null) {
            shared = forTests();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-client-close"));
        }
        return shared;
    }

    /**
     * Sends and waits for the broker's ack. A value that breaks its topic's schema fails the test (see
     * {@link RecordSchemas} for what is exempt, e.g. a record with the header {@link RecordSchemas#INVALID_HEADER}).
     */
    public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
        RecordSchemas.check("sent to", topic, key, value, headers);
        List<Header> recordHeaders = new ArrayList<>();
        headers.forEach((name, headerValue) -> recordHeaders.add(new RecordHeader(name,
                headerValue.getBytes(StandardCharsets.UTF_8))));
        try {
            return producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    public RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value, Map.of());
    }

    /**
     * Reads the topic from the beginning until {@code count} records match, or the timeout passes; returns the
     * matches found.
     */
    public List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        return scan(topic, match, timeout, (found, caughtUp) -> found.size() >= count);
    }

    /** Every record of the topic that matches, read until the end offsets at the time of the call. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> match) {
        return scan(topic, match, Duration.ofSeconds(60), (found, caughtUp) -> caughtUp.getAsBoolean());
    }

    /** Every record a test is given is checked against its topic's schema, as every record it sends is. */
    private static List<ConsumerRecord<String, String>> checked(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            Map<String, String> headers = new HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? ""
                    : new String(h.value(), StandardCharsets.UTF_8)));
            RecordSchemas.check("read from", record.topic(), record.key(), record.value(), headers);
        }
        return records;
    }

    /**
     * Reads the topic from its beginning, collecting matches, until {@code done} (given the matches so far and
     * whether the end offsets of the start have been reached) or the timeout.
     */
    private List<ConsumerRecord<String, String>> scan(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout, BiPredicate<List<ConsumerRecord<String, String>>, BooleanSupplier> done) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            BooleanSupplier caughtUp = () -> partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(found, caughtUp) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        // Only the matches: other tests' records on the shared broker are theirs to check.
        return checked(found);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // As consumers of the transactional public stream must: never see an aborted or still-open transaction.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
