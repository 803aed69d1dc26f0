package io.sessionplane.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.RecordSchemas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lifecycle of session.events.v1 and the actions of the internal topics read as one session's timeline. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditTimelineTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();

    static ValidatableResponse timeline(String sessionId) {
        return given().auth().oauth2(AuditEvents.auditor())
                .queryParam("filter", "{\"type\":\"Equals\",\"name\":\"session_id\",\"value\":\"" + sessionId + "\"}")
                .queryParam("sort_by", "time").queryParam("order_by", "ASC")
                .get("/rest/external/v1/audit-events").then();
    }

    @Test
    void aSessionReadsFromLogonToLogoffWithItsActionsBetween() {
        String sessionId = "t-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis() - 60_000;
        SessionEvent pending = AuditEvents.lifecycle(sessionId, 1, EventType.AGENT_PENDING, t0, null, false);
        SessionEvent connected = AuditEvents.lifecycle(sessionId, 2, EventType.AGENT_CONNECTED, t0 + 1000, null,
                false);
        SessionCommand disconnect = new SessionCommand(UUID.randomUUID().toString(), SessionAction.DISCONNECT,
                sessionId, "pod-eu-west", false, null, null, null, "LOCAL\\admin", t0 + 2000, "machine-" + sessionId,
                "S-1-5-21-7");
        SessionOutcome disconnected = new SessionOutcome(UUID.randomUUID().toString(),
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, disconnect.commandId(), SessionAction.DISCONNECT,
                sessionId, CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, "LOCAL\\admin disconnected CORP\\jdoe",
                null, false, t0 + 3000, "S-1-5-21-7", "CORP\\jdoe", "LOCAL\\admin", "pod-eu-west",
                "machine-" + sessionId, "vdi-7.corp.example.com", "Finance Desktops", null);
        List<SessionEvent> lifecycle = List.of(pending, connected,
                AuditEvents.lifecycle(sessionId, 5, EventType.AGENT_DISCONNECTED, t0 + 4000, null, false),
                AuditEvents.lifecycle(sessionId, 6, EventType.AGENT_RECONNECTED, t0 + 5000, null, false),
                AuditEvents.lifecycle(sessionId, 7, EventType.AGENT_ENDED, t0 + 6000, null, false));

        kafka.send(Topics.SESSION_COMMANDS, sessionId, JsonCodec.write(disconnect));
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(disconnected));
        // The stream's copy of the request is not stored a second time; a redelivered event is stored once.
        kafka.send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(AuditEvents.actionRequested(disconnect, 3, null)));
        kafka.send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(connected));
        lifecycle.forEach(event -> kafka.send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(event)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> timeline(sessionId).statusCode(200)
                .body("$", hasSize(7)));
        List<String> types = timeline(sessionId).extract().jsonPath().getList("type", String.class);
        assertThat(types).containsExactly("AGENT_PENDING", "AGENT_CONNECTED",
                SessionAction.DISCONNECT.requestedType().name(), "ADMIN_DESKTOP_SESSION_DISCONNECTED",
                "AGENT_DISCONNECTED", "AGENT_RECONNECTED", "AGENT_ENDED");

        timeline(sessionId).body("[1].event_id", equalTo(connected.eventId()))
                .body("[1].module", equalTo("Agent"))
                .body("[1].severity", equalTo(connected.severity().name()))
                .body("[1].message", equalTo(connected.message()))
                .body("[1].time", equalTo(connected.time()))
                .body("[1].user_id", equalTo("S-1-5-21-7"))
                .body("[1].machine_id", equalTo("machine-" + sessionId))
                .body("[1].machine_dns_name", equalTo("vdi-7.corp.example.com"))
                .body("[1].desktop_pool_name", equalTo("Finance Desktops"))
                .body("[1].session_id", equalTo(sessionId));
    }

    @Test
    void aPoisonEventIsDeadLetteredAndAnUnknownKindIsSkipped() {
        String sessionId = "t-" + UUID.randomUUID();
        SessionEvent good = AuditEvents.lifecycle(sessionId, 3, EventType.AGENT_CONNECTED, System.currentTimeMillis(),
                null, false);
        String noKind = JsonCodec.write(good).replaceFirst("\"kind\":\"LIFECYCLE\",", "");
        String notAgent = JsonCodec.write(AuditEvents.lifecycle(sessionId, 1, EventType.ADMIN_SESSION_SENDMSG, 5,
                null, false));
        String newKind = JsonCodec.write(AuditEvents.lifecycle(sessionId, 2, EventType.AGENT_PENDING, 6, null, false))
                .replace("\"kind\":\"LIFECYCLE\"", "\"kind\":\"A_KIND_OF_LATER_V1\"");
        kafka.send(Topics.SESSION_EVENTS, "poison-" + sessionId, "not json");
        kafka.send(Topics.SESSION_EVENTS, "poison-" + sessionId, noKind);
        kafka.send(Topics.SESSION_EVENTS, "poison-" + sessionId, notAgent);
        // A kind added to v1 later is outside today's schema enum: marked as deliberately invalid test input.
        kafka.send(Topics.SESSION_EVENTS, sessionId, newKind, Map.of(RecordSchemas.INVALID_HEADER, "a later kind"));
        kafka.send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(good));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> timeline(sessionId).body("$", hasSize(1))
                .body("[0].event_id", equalTo(good.eventId())));
        var dead = kafka.await(Topics.dlq(Topics.SESSION_EVENTS), r -> ("poison-" + sessionId).equals(r.key()), 3,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(3).allSatisfy(record -> assertThat(KafkaTestClient.header(record,
                "dead-letter-topic")).isEqualTo(Topics.SESSION_EVENTS));
        assertThat(kafka.readAll(Topics.dlq(Topics.SESSION_EVENTS), r -> sessionId.equals(r.key()))).isEmpty();
    }
}
