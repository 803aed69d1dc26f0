package io.sessionplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is killed (SIGKILL, no shutdown) while audit-service ingests outcomes, then restarted: no record whose
 * offset audit-service had committed is missing, and every record arrives in the end. This module's test PostgreSQL
 * is durable ({@code sessionplane.test.postgres.durable}, as the local stack's), so a commit survives the crash.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditCrashTest {
    static final int EVENTS = 3000;

    @Inject
    Pool pool;

    @Test
    void aDatabaseCrashUnderLoadLosesNoRecordWhoseOffsetWasCommitted() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        Assumptions.assumeTrue(infra.restartable(), "needs the embedded PostgreSQL, which a test may kill");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> offsetByEvent = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(run, offsetByEvent));

        // Killed once ingestion is under way (records stored, more coming), down for 1.5 s.
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(run).size() >= 100);
        infra.killPostgres();
        Thread.sleep(1_500);
        infra.startPostgres();
        // What audit-service had committed when the database came back: all of it must be in the table.
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
        sending.join();

        Set<String> stored = await().atMost(Duration.ofSeconds(120)).until(() -> storedEvents(run),
                found -> found.size() >= EVENTS);
        assertThat(stored).hasSize(EVENTS).containsAll(offsetByEvent.keySet());
        long coveredByCommits = offsetByEvent.entrySet().stream().filter(entry -> {
            OffsetAndMetadata offset = committed.get(partitionOf(entry.getKey()));
            return offset != null && entry.getValue() < offset.offset();
        }).count();
        System.out.println("audit crash: " + coveredByCommits + " of " + EVENTS + " records were committed when"
                + " PostgreSQL was killed; all " + stored.size() + " are stored");
        // The check that matters: each record below a committed offset was stored before the commit; since the
        // table is re-read after the crash, a lost commit would show as a missing id here.
        offsetByEvent.forEach((eventId, offset) -> {
            OffsetAndMetadata mark = committed.get(partitionOf(eventId));
            if (mark != null && offset < mark.offset()) {
                assertThat(stored).as("event %s at offset %d, committed %d", eventId, offset, mark.offset())
                        .contains(eventId);
            }
        });
    }

    private final Map<String, TopicPartition> partitions = new java.util.concurrent.ConcurrentHashMap<>();

    private TopicPartition partitionOf(String eventId) {
        return partitions.get(eventId);
    }

    /** Sends the outcomes over about three seconds, remembering where each one landed. */
    private void send(String run, Map<String, Long> offsetByEvent) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                SessionCommand command = AuditEvents.command("crash-" + run + "-" + i);
                SessionOutcome outcome = AuditEvents.outcome(command, System.currentTimeMillis());
                var metadata = producer.send(new ProducerRecord<>(Topics.SESSION_OUTCOMES, command.sessionId(),
                        JsonCodec.write(outcome))).get();
                offsetByEvent.put(outcome.eventId(), metadata.offset());
                partitions.put(outcome.eventId(), new TopicPartition(metadata.topic(), metadata.partition()));
                if (i % 100 == 0) {
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.listConsumerGroupOffsets("audit-service").partitionsToOffsetAndMetadata().get();
        }
    }

    private Set<String> storedEvents(String run) {
        Set<String> ids = new HashSet<>();
        pool.preparedQuery("SELECT event_id FROM audit_event WHERE session_id LIKE $1")
                .execute(Tuple.of("crash-" + run + "-%")).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> ids.add(row.getString("event_id")));
        return ids;
    }
}
