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
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditIngestTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();

    static ValidatableResponse query(String filter) {
        return given().auth().oauth2(AuditEvents.auditor()).queryParam("filter", filter)
                .get("/rest/external/v1/audit-events").then();
    }

    static String equals(String field, String value) {
        return "{\"type\":\"Equals\",\"name\":\"" + field + "\",\"value\":\"" + value + "\"}";
    }

    @Test
    void commandsOutcomesAndAssistOutcomesLandWithEveryField() {
        String sessionId = "s-" + UUID.randomUUID();
        SessionCommand command = AuditEvents.command(sessionId);
        SessionOutcome outcome = AuditEvents.outcome(command, System.currentTimeMillis());
        AssistOutcome assist = AuditEvents.assist(sessionId, "space-" + UUID.randomUUID(), System.currentTimeMillis());
        kafka.send(Topics.SESSION_COMMANDS, sessionId, JsonCodec.write(command));
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(outcome));
        kafka.send(Topics.ASSIST_OUTCOMES, sessionId, JsonCodec.write(assist));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                query(equals("session_id", sessionId)).statusCode(200).body("$", hasSize(3)));

        query(equals("event_id", outcome.eventId())).statusCode(200)
                .body("[0].type", equalTo("ADMIN_SESSION_SENDMSG"))
                .body("[0].severity", equalTo("AUDIT_SUCCESS"))
                .body("[0].module", equalTo("Admin"))
                .body("[0].message", equalTo("LOCAL\\admin sent a WARNING message"))
                .body("[0].time", equalTo(outcome.time()))
                .body("[0].user_id", equalTo("S-1-5-21-7"))
                .body("[0].machine_id", equalTo("machine-" + sessionId))
                .body("[0].machine_dns_name", equalTo("vdi-7.corp.example.com"))
                .body("[0].desktop_pool_name", equalTo("Finance Desktops"))
                .body("[0].session_id", equalTo(sessionId))
                .body("[0].command_id", equalTo(command.commandId()));
        // Everything one command caused: the request and its outcome.
        query(equals("command_id", command.commandId())).statusCode(200)
                .body("type", org.hamcrest.Matchers.containsInAnyOrder("SESSION_SEND_MESSAGE_REQUESTED",
                        "ADMIN_SESSION_SENDMSG"));
        query(equals("share_space_id", assist.shareSpaceId())).statusCode(200)
                .body("[0].type", equalTo("REMOTE_ASSISTANCE_REFUSED"))
                .body("[0].severity", equalTo("WARNING"))
                .body("[0].module", equalTo("RemoteAssistance"));

        long id = ((Number) query(equals("event_id", outcome.eventId())).extract().path("[0].id")).longValue();
        given().auth().oauth2(AuditEvents.auditor()).get("/rest/external/v1/audit-events/{id}", id).then()
                .statusCode(200)
                .body("event_id", equalTo(outcome.eventId()))
                .body("payload.command_id", equalTo(command.commandId()));
    }

    @Test
    void anEventDeliveredTwiceIsStoredOnce() {
        String sessionId = "s-" + UUID.randomUUID();
        SessionOutcome outcome = AuditEvents.outcome(AuditEvents.command(sessionId), System.currentTimeMillis());
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(outcome));
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(outcome));
        SessionOutcome later = AuditEvents.outcome(AuditEvents.command(sessionId), System.currentTimeMillis());
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(later));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                query(equals("event_id", later.eventId())).body("$", hasSize(1)));
        query(equals("event_id", outcome.eventId())).body("$", hasSize(1));
    }

    /**
     * Agents write outcomes and choose their event ids: a forged outcome that arrives first with the id of a command
     * record, or for the right command on another session, must not take the real records' places.
     */
    @Test
    void aForgedOutcomeCannotTakeTheRealRecordsPlace() {
        String sessionId = "s-" + UUID.randomUUID();
        SessionCommand command = AuditEvents.command(sessionId);
        SessionOutcome real = AuditEvents.outcome(command, System.currentTimeMillis());
        SessionOutcome forged = new SessionOutcome(command.commandId(), real.eventType(), command.commandId(),
                real.action(), "s-elsewhere-" + UUID.randomUUID(), real.status(), real.severity(), "forged", null,
                false, real.time(), null, null, null, null, null, null, null, null);
        kafka.send(Topics.SESSION_OUTCOMES, forged.sessionId(), JsonCodec.write(forged));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                query(equals("session_id", forged.sessionId())).body("$", hasSize(1)));
        kafka.send(Topics.SESSION_COMMANDS, sessionId, JsonCodec.write(command));
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(real));

        // The command's request record and its real outcome are both there, beside the forgery.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> query(equals("session_id", sessionId))
                .body("type", org.hamcrest.Matchers.containsInAnyOrder("SESSION_SEND_MESSAGE_REQUESTED",
                        "ADMIN_SESSION_SENDMSG"))
                .body("message", org.hamcrest.Matchers.hasItem(real.message())));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndLaterRecordsStillLand() {
        String sessionId = "s-" + UUID.randomUUID();
        String noEventId = JsonCodec.write(AuditEvents.outcome(AuditEvents.command(sessionId), 5))
                .replaceFirst("\"event_id\":\"[^\"]+\",", "");
        kafka.send(Topics.SESSION_OUTCOMES, "poison-" + sessionId, "not json at all");
        kafka.send(Topics.SESSION_OUTCOMES, "poison-" + sessionId, noEventId);
        kafka.send(Topics.SESSION_OUTCOMES, "poison-" + sessionId, "{\"event_id\":\"x\",\"event_type\":\"NO_SUCH_TYPE\"}");
        // PostgreSQL cannot store a NUL character: only that record is dead-lettered.
        SessionOutcome withNul = AuditEvents.outcome(AuditEvents.command(sessionId), System.currentTimeMillis());
        kafka.send(Topics.SESSION_OUTCOMES, "poison-" + sessionId,
                JsonCodec.write(withNul).replace("sent a WARNING", "sent a \\u0000 WARNING"));
        SessionOutcome good = AuditEvents.outcome(AuditEvents.command(sessionId), System.currentTimeMillis());
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(good));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                query(equals("event_id", good.eventId())).body("$", hasSize(1)));
        var dead = kafka.await(Topics.dlq(Topics.SESSION_OUTCOMES), r -> ("poison-" + sessionId).equals(r.key()), 4,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(record -> {
            assertThat(KafkaTestClient.header(record, "dead-letter-reason")).isNotBlank();
            assertThat(KafkaTestClient.header(record, "dead-letter-topic")).isEqualTo(Topics.SESSION_OUTCOMES);
            assertThat(KafkaTestClient.header(record, "dead-letter-offset")).isNotBlank();
        });
        query(equals("event_id", withNul.eventId())).body("$", hasSize(0));
        assertThat(dead).filteredOn(record -> record.value().contains(withNul.eventId()))
                .singleElement().satisfies(record -> assertThat(KafkaTestClient.header(record, "dead-letter-reason"))
                        .contains("NUL character"));
    }

    @Test
    void nothingIsCommittedWhilePostgresIsDownAndEverythingLandsAfter() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        Assumptions.assumeTrue(infra.restartable(), "needs the embedded PostgreSQL, which a test may stop");
        String sessionId = "s-" + UUID.randomUUID();
        List<SessionOutcome> outcomes = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> committedLag() == 0);

        infra.stopPostgres();
        try {
            for (int i = 0; i < 50; i++) {
                SessionOutcome outcome = AuditEvents.outcome(AuditEvents.command(sessionId), System.currentTimeMillis());
                outcomes.add(outcome);
                kafka.send(Topics.SESSION_OUTCOMES, sessionId + "-" + (i % 7), JsonCodec.write(outcome));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
            // Offsets must not move while rows cannot be stored: the lag holds for the whole window.
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).until(() -> committedLag() >= 50);
        } finally {
            infra.startPostgres();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                query(equals("session_id", sessionId) + "&size=1000").statusCode(200).body("$", hasSize(50)));
        await().atMost(Duration.ofSeconds(30)).until(() -> committedLag() == 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /** Records of session.outcomes.v1 not yet committed by the audit-service group. */
    static long committedLag() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("audit-service")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.SESSION_OUTCOMES)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.SESSION_OUTCOMES).partitions().stream()
                    .map(p -> new TopicPartition(Topics.SESSION_OUTCOMES, p.partition())).toList();
            var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        }
    }
}
