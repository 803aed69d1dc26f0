package io.sessionplane.bench;

import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Commands executed per second by one agent-simulator instance with a 100,000-session fleet: a backlog of commands
 * (80 % send-message, 20 % disconnect) is put on the command topic while the simulator is stopped; it is then started
 * and the rate is the number of outcomes over the time between its first and last outcome (record timestamps).
 */
public final class SimulatorBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    static final int COMMANDS = Integer.getInteger("bench.commands", 200_000);

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("simulator").start(false)) {
            Map<String, String> fleet = Map.of("SIMULATOR_SESSIONS", Integer.toString(SESSIONS),
                    "SIMULATOR_CHURN_RATE", "0");
            var simulator = stack.service("agent-simulator", null, fleet);
            awaitCount(stack.kafka.bootstrapServers(), Topics.SESSION_INVENTORY, SESSIONS);
            List<String> ids = liveSessionIds(stack.kafka.bootstrapServers());
            simulator.close();

            Random random = new Random(3);
            List<ProducerRecord<String, String>> commands = new ArrayList<>(COMMANDS);
            for (int i = 0; i < COMMANDS; i++) {
                String session = ids.get(random.nextInt(ids.size()));
                SessionCommand command = random.nextInt(5) == 0 ? BenchData.command(session) : BenchData.message(session);
                commands.add(new ProducerRecord<>(Topics.SESSION_COMMANDS, null, session, JsonCodec.write(command),
                        BenchData.headers(CloudEventHeaders.TYPE_SESSION_COMMAND, command.commandId(), session)));
            }
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, commands, 20_000);
            }
            long started = System.nanoTime();
            stack.service("agent-simulator", null, fleet);
            long[] window = awaitOutcomes(stack.kafka.bootstrapServers(), COMMANDS);
            double seconds = (window[1] - window[0]) / 1000.0;
            System.out.println();
            System.out.println("## agent-simulator (" + SESSIONS + " sessions, backlog of " + COMMANDS + " commands)");
            System.out.printf("%,d outcomes in %.1f s between first and last: %,.0f commands/s%n", COMMANDS, seconds,
                    COMMANDS / seconds);
            System.out.printf("(%.1f s from starting the simulator to the last outcome, fleet start-up included)%n",
                    (System.nanoTime() - started) / 1e9);
        }
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
    }

    static void awaitCount(String bootstrap, String topic, long expected) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Readiness.await(topic + " reaching " + expected + " records", Duration.ofMinutes(30),
                    Duration.ofMillis(500), null, null, () -> {
                        long count = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                        if (count < expected) {
                            throw new IllegalStateException(count + " so far");
                        }
                        return count;
                    });
        }
    }

    static List<String> liveSessionIds(String bootstrap) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_INVENTORY).stream()
                    .map(p -> new TopicPartition(Topics.SESSION_INVENTORY, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && !record.value().contains("\"resourced_remotely\":true")
                            && !record.value().contains("\"brokered_remotely\":true")) {
                        ids.add(record.key());
                    }
                }
            }
        }
        return ids;
    }

    /** Reads the outcome topic until {@code expected} outcomes; returns the first and last record timestamps. */
    static long[] awaitOutcomes(String bootstrap, int expected) {
        long first = Long.MAX_VALUE;
        long last = 0;
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_OUTCOMES).stream()
                    .map(p -> new TopicPartition(Topics.SESSION_OUTCOMES, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                }
            }
        }
        if (seen < expected) {
            throw new IllegalStateException("only " + seen + " outcomes arrived");
        }
        return new long[] {first, last};
    }
}
