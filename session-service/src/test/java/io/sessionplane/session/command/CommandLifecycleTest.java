package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ACCEPTED → outcome, the read model following outcomes, poison outcomes, metrics. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class CommandLifecycleTest {

    @Inject
    CommandStatusStore statuses;

    @Inject
    MeterRegistry registry;

    private static SessionOutcome outcome(String commandId, SessionAction action, String sessionId, CommandStatus status,
            boolean ended, long time) {
        boolean ok = status == CommandStatus.SUCCEEDED;
        return new SessionOutcome(UUID.randomUUID().toString(), action.outcomeType(false, ok), commandId, action,
                sessionId, status, ok ? Severity.AUDIT_SUCCESS : Severity.AUDIT_FAIL, "done", null, ended, time,
                "S-1", "EXAMPLE\\jdoe", "LOCAL\\admin", "pod-eu-west", "m", "m.example.com", "Finance", null);
    }

    @Test
    void aDisconnectFollowsItsOutcomeAndTheSessionBecomesDisconnected() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target);
        KafkaTestClient kafka = KafkaTestClient.shared();
        String commandId = Api.as("helpdesk").body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        Api.as("helpdesk").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                .statusCode(200).body("status", equalTo("ACCEPTED")).body("requested_by", equalTo("LOCAL\\helpdesk"));

        SessionOutcome done = outcome(commandId, SessionAction.DISCONNECT, target.id(), CommandStatus.SUCCEEDED,
                false, System.currentTimeMillis());
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(done));
        // A redelivered or contradicting later outcome does not change a finished command.
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(outcome(commandId, SessionAction.DISCONNECT,
                target.id(), CommandStatus.FAILED, false, System.currentTimeMillis())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("helpdesk").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                        .body("status", equalTo("SUCCEEDED"))
                        .body("outcome.event_type", equalTo(EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED.name())));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                Api.as("helpdesk").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                        .body("status", equalTo("SUCCEEDED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("admin").get("/rest/inventory/v1/sessions/{id}", target.id()).then()
                        .body("session_state", equalTo("DISCONNECTED")));
        // An operator without a view privilege on the session's group cannot read it: to them it does not exist.
        Api.as("federated").get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(404)
                .body("error_key", equalTo("inventory.session.command.not.found"));
        Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("error_key", equalTo("inventory.session.command.not.found"));
        Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", "not-a-uuid").then().statusCode(404);
    }

    /** An agent that got the command after its expiry did not execute it: the status says so, the session stays. */
    @Test
    void anExpiredCommandFailsWithItsOwnEventTypeAndLeavesTheSessionAsItWas() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target);
        String commandId = Api.as("admin").body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/logoff").then().statusCode(200)
                .extract().path("[0].command_id");
        SessionOutcome expired = new SessionOutcome(UUID.randomUUID().toString(), EventType.SESSION_COMMAND_EXPIRED,
                commandId, SessionAction.LOGOFF, target.id(), CommandStatus.FAILED,
                EventType.SESSION_COMMAND_EXPIRED.defaultSeverity(), "expired before the agent received it",
                ErrorKeys.COMMAND_EXPIRED, false, System.currentTimeMillis(), "S-1", "EXAMPLE\\jdoe", "LOCAL\\admin",
                "pod-eu-west", "m", "m.example.com", "Finance", null);
        KafkaTestClient.shared().send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(expired));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                        .body("status", equalTo("FAILED"))
                        .body("outcome.event_type", equalTo("SESSION_COMMAND_EXPIRED"))
                        .body("outcome.error_key", equalTo(ErrorKeys.COMMAND_EXPIRED)));
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}", target.id()).then().statusCode(200)
                .body("session_state", equalTo("CONNECTED"));
    }

    @Test
    void aCommandStatusIsReadableOnlyWithAViewPrivilegeOnItsSessionsAccessGroup() {
        SessionFixture engineering = session().group(DemoAccessGroups.CONTRACTORS);
        SessionFixture.publishAndAwait(engineering);
        String commandId = Api.as("admin").body(List.of(engineering.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        // helpdesk holds MACHINE_VIEW, but on Finance only: the command's session is in Contractors.
        String refused = Api.as("helpdesk").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                .statusCode(404).body("error_key", equalTo("inventory.session.command.not.found"))
                .extract().asString();
        assertThat(refused).doesNotContain(engineering.id()).doesNotContain("LOCAL\\\\admin")
                .doesNotContain("session_id");
        // poolmgr holds POOL_VIEW on Engineering, an ancestor of Contractors; the viewer holds it on Root.
        Api.as("poolmgr").get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(200)
                .body("session_id", equalTo(engineering.id()));
        Api.as("viewer").get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(200);

        // And the other way round: a Finance command is not readable with a privilege on Engineering.
        SessionFixture finance = session();
        SessionFixture.publishAndAwait(finance);
        String financeCommand = Api.as("helpdesk").body(List.of(finance.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        Api.as("poolmgr").get("/rest/inventory/v1/session-commands/{id}", financeCommand).then().statusCode(404);
        Api.as("helpdesk").get("/rest/inventory/v1/session-commands/{id}", financeCommand).then().statusCode(200);
    }

    @Test
    void aSuccessfulLogoffEndsTheSessionAndPoisonOutcomesGoToTheDeadLetterTopic() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target);
        KafkaTestClient kafka = KafkaTestClient.shared();
        String commandId = Api.as("admin").body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/logoff").then().extract().path("[0].command_id");
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.send(Topics.SESSION_OUTCOMES, poisonKey, "{this is not json");
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(outcome(commandId, SessionAction.LOGOFF,
                target.id(), CommandStatus.SUCCEEDED, true, System.currentTimeMillis())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("admin").get("/rest/inventory/v1/sessions/{id}", target.id()).then().statusCode(404));
        var dead = kafka.await(Topics.dlq(Topics.SESSION_OUTCOMES), r -> poisonKey.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).isNotBlank();
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.SESSION_OUTCOMES);
    }

    @Test
    void anOutcomeThatDoesNotFitItsCommandGoesToTheDeadLetterTopicAndChangesNothing() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture other = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target, other);
        KafkaTestClient kafka = KafkaTestClient.shared();
        String commandId = Api.as("admin").body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        // Wait until the command log has the command, so the outcomes below are judged against it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                        .body("forced", org.hamcrest.Matchers.nullValue()).body("status", equalTo("ACCEPTED")));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        // The agent claims a log off (which would end the session) for a disconnect command…
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(outcome(commandId, SessionAction.LOGOFF,
                target.id(), CommandStatus.SUCCEEDED, true, System.currentTimeMillis())));
        // …or reports it for another session.
        kafka.send(Topics.SESSION_OUTCOMES, other.id(), JsonCodec.write(outcome(commandId, SessionAction.DISCONNECT,
                other.id(), CommandStatus.SUCCEEDED, false, System.currentTimeMillis())));
        // An outcome from an hour in the future is refused too.
        kafka.send(Topics.SESSION_OUTCOMES, target.id(), JsonCodec.write(outcome(commandId, SessionAction.DISCONNECT,
                target.id(), CommandStatus.SUCCEEDED, false, System.currentTimeMillis() + 3_600_000)));

        var dead = kafka.await(Topics.dlq(Topics.SESSION_OUTCOMES), r -> r.value() != null
                && r.value().contains(commandId), 3, Duration.ofSeconds(30));
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> KafkaTestClient.header(r, "dead-letter-reason")).anyMatch(reason ->
                reason.contains("says LOGOFF, the command was DISCONNECT"))
                .anyMatch(reason -> reason.contains("another session")).anyMatch(reason -> reason.contains("future"));
        Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}", target.id()).then().statusCode(200)
                .body("session_state", equalTo("CONNECTED"));
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}", other.id()).then().statusCode(200)
                .body("session_state", equalTo("CONNECTED"));
    }

    @Test
    void aSnapshotFromTheFutureIsRefusedSoItCannotFreezeItsSession() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target);
        KafkaTestClient kafka = KafkaTestClient.shared();
        target.state(io.sessionplane.contracts.session.SessionState.DISCONNECTED)
                .observedAt(System.currentTimeMillis() + 86_400_000L).publish(kafka);
        var dead = kafka.await(Topics.dlq(Topics.SESSION_INVENTORY), r -> target.id().equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).contains("observed_at")
                .contains("future");
        // A normal report after it still applies.
        target.observedAt(System.currentTimeMillis()).publish(kafka);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as("admin").get("/rest/inventory/v1/sessions/{id}", target.id()).then()
                        .body("session_state", equalTo("DISCONNECTED")));
    }

    @Test
    void metricsCountAcceptedAndRefusedCommandsByAction() {
        Api.as("admin").body(List.of("does-not-exist")).post("/rest/inventory/v1/sessions/action/restart").then()
                .statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("sessionplane_commands_total{action=\"RESTART\""))
                .body(containsString("reason=\"inventory.session.not.found\",result=\"refused\""));
    }

    /**
     * Each awaited step of a request is timed: a request for one accepted and one unknown session reads once, waits
     * for one broker ack and writes one status; a request with only refused ids reads once more.
     */
    @Test
    void stageHistogramsTimeEachAwaitedStepOfARequest() {
        SessionFixture target = session().observedAt(System.currentTimeMillis() - 60_000);
        SessionFixture.publishAndAwait(target);
        Map<String, Long> before = stageCounts();
        Api.as("admin").body(List.of(target.id(), "does-not-exist"))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .body("[0].status_code", equalTo(200)).body("[1].status_code", equalTo(404));
        Api.as("admin").body(List.of("does-not-exist")).post("/rest/inventory/v1/sessions/action/restart").then()
                .statusCode(200);
        Map<String, Long> after = stageCounts();
        // At least: a job another test class left running may act in the same moment on this shared instance.
        assertThat(after.get("session-read") - before.get("session-read")).isGreaterThanOrEqualTo(2);
        assertThat(after.get("broker-ack") - before.get("broker-ack")).isGreaterThanOrEqualTo(1);
        assertThat(after.get("status-write") - before.get("status-write")).isGreaterThanOrEqualTo(1);
        // A histogram, so percentiles over any window can be read from two scrapes.
        assertThat(RestAssured.get("/q/metrics").asString())
                .contains("sessionplane_command_stage_seconds_bucket{stage=\"broker-ack\",le=\"0.001\"}");
    }

    private Map<String, Long> stageCounts() {
        assertThat(registry.find("sessionplane.command.stage").timers()).hasSize(3);
        Map<String, Long> counts = new HashMap<>();
        for (String stage : List.of("session-read", "broker-ack", "status-write")) {
            counts.put(stage, registry.get("sessionplane.command.stage").tag("stage", stage).timer().count());
        }
        return counts;
    }

    /**
     * The purge forgets a status whose last change is older than the cut-off and keeps one that changed later, even
     * when its command was requested long before (an outcome that came late).
     */
    @Test
    void thePurgeForgetsStatusesThatLastChangedBeforeTheCutOff() {
        long now = System.currentTimeMillis();
        long tenDaysAgo = now - Duration.ofDays(10).toMillis();
        long cutOff = now - Duration.ofDays(7).toMillis();
        String finishedLongAgo = UUID.randomUUID().toString();
        String finishedLately = UUID.randomUUID().toString();
        String requestedNow = UUID.randomUUID().toString();
        statuses.recordAccepted(List.of(command(finishedLongAgo, tenDaysAgo), command(finishedLately, tenDaysAgo),
                command(requestedNow, now))).await().atMost(Duration.ofSeconds(10));
        statuses.recordOutcomes(List.of(
                outcome(finishedLongAgo, SessionAction.DISCONNECT, "S-purge", CommandStatus.SUCCEEDED, false,
                        tenDaysAgo + 1_000),
                outcome(finishedLately, SessionAction.DISCONNECT, "S-purge", CommandStatus.SUCCEEDED, false,
                        now - 60_000))).await().atMost(Duration.ofSeconds(10));

        statuses.purgeOlderThan(cutOff).await().atMost(Duration.ofSeconds(10));

        assertThat(statuses.find(UUID.fromString(finishedLongAgo)).await().atMost(Duration.ofSeconds(10))).isEmpty();
        assertThat(statuses.find(UUID.fromString(finishedLately)).await().atMost(Duration.ofSeconds(10)))
                .hasValueSatisfying(stored -> assertThat(stored.view().status()).isEqualTo(CommandStatus.SUCCEEDED));
        assertThat(statuses.find(UUID.fromString(requestedNow)).await().atMost(Duration.ofSeconds(10)))
                .hasValueSatisfying(stored -> assertThat(stored.view().status()).isEqualTo(CommandStatus.ACCEPTED));
    }

    private static SessionCommand command(String commandId, long requestedAt) {
        return new SessionCommand(commandId, SessionAction.DISCONNECT, "S-purge", "pod-eu-west", false, null, null,
                null, "LOCAL\\admin", requestedAt, "m", "S-1", "AG-1");
    }
}
