package io.sessionplane.session.stream;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.SessionFixture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** session.events.v1 as a consumer reading read_committed sees it, written by the real topology from real topics. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionEventStreamTest {
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    private KafkaConsumer<String, String> consumer;

    @Inject
    SessionEventStream stream;

    @BeforeEach
    void subscribe() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "event-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.SESSION_EVENTS));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    private List<SessionEvent> eventsOf(String sessionId) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> sessionId.equals(r.key()))
                .map(r -> JsonCodec.read(r.value(), SessionEvent.class)).toList();
    }

    private List<EventType> typesOf(String sessionId) {
        return eventsOf(sessionId).stream().map(SessionEvent::eventType).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aSessionsLifeIsToldInOrderEachOnceWithCloudEventsHeaders() {
        KafkaTestClient kafka = KafkaTestClient.shared();
        long start = System.currentTimeMillis() - 60_000;
        SessionFixture target = session().observedAt(start);
        SessionFixture.publishAndAwait(target);
        await().atMost(Duration.ofSeconds(60)).until(() -> typesOf(target.id()).contains(EventType.AGENT_CONNECTED));

        String commandId = Api.as("helpdesk").body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                typesOf(target.id()).contains(EventType.SESSION_DISCONNECT_REQUESTED));
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(new SessionOutcome(UUID.randomUUID().toString(),
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, commandId, SessionAction.DISCONNECT, target.id(),
                CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, "disconnected", null, false,
                System.currentTimeMillis(), "S-1", "EXAMPLE\\jdoe", "LOCAL\\helpdesk", "pod-eu-west", "m",
                "m.example.com", "Finance Desktops", null)));
        target.state(SessionState.DISCONNECTED).observedAt(System.currentTimeMillis()).publish(kafka);
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(target.id()).contains(EventType.AGENT_DISCONNECTED));
        target.state(SessionState.CONNECTED).observedAt(System.currentTimeMillis()).publish(kafka);
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(target.id()).contains(EventType.AGENT_RECONNECTED));
        kafka.send(Topics.SESSION_INVENTORY, target.id(), null, Map.of(CloudEventHeaders.TIME,
                Instant.now().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(target.id()).contains(EventType.AGENT_ENDED));

        // A little longer: nothing is told twice.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<SessionEvent> events = eventsOf(target.id());
        assertThat(events).extracting(SessionEvent::eventType).containsExactly(EventType.AGENT_CONNECTED,
                EventType.SESSION_DISCONNECT_REQUESTED, EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED,
                EventType.AGENT_DISCONNECTED, EventType.AGENT_RECONNECTED, EventType.AGENT_ENDED);
        assertThat(events).extracting(SessionEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events.get(1).commandId()).isEqualTo(commandId);
        assertThat(events.get(1).requestedBy()).isEqualTo("LOCAL\\helpdesk");
        assertThat(events.get(2).commandId()).isEqualTo(commandId);

        List<ConsumerRecord<String, String>> records = seen.stream().filter(r -> target.id().equals(r.key())).toList();
        assertThat(records).allSatisfy(record -> {
            SessionEvent event = JsonCodec.read(record.value(), SessionEvent.class);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.eventId());
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(event.kind().cloudEventType());
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(target.id());
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo(SessionEvent.SOURCE);
            assertThat(header(record, CloudEventHeaders.DATA_SCHEMA)).isEqualTo(SessionEvent.DATA_SCHEMA);
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(Instant.parse(header(record, CloudEventHeaders.TIME)).toEpochMilli()).isEqualTo(event.time());
        });
        assertThat(records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet())).hasSize(1);
    }

    @Test
    void manySessionsAreToldWithoutGapsOrRepeats() {
        List<SessionFixture> fleet = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fleet.add(session().observedAt(System.currentTimeMillis() - 60_000));
        }
        KafkaTestClient kafka = KafkaTestClient.shared();
        fleet.forEach(s -> s.publish(kafka));
        fleet.forEach(s -> s.state(SessionState.DISCONNECTED).observedAt(System.currentTimeMillis()).publish(kafka));
        fleet.forEach(s -> s.state(SessionState.CONNECTED).observedAt(System.currentTimeMillis()).publish(kafka));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> fleet.forEach(s ->
                assertThat(typesOf(s.id())).containsExactly(EventType.AGENT_CONNECTED, EventType.AGENT_DISCONNECTED,
                        EventType.AGENT_RECONNECTED)));
        fleet.forEach(s -> assertThat(eventsOf(s.id())).extracting(SessionEvent::sequence).containsExactly(1L, 2L, 3L));
        assertThat(stream.state()).isNotNull();
    }
}
