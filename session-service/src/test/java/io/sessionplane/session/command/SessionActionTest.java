package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionActionTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();

    static List<ConsumerRecord<String, String>> commandsFor(String sessionId, int expected) {
        return kafka.await(Topics.SESSION_COMMANDS, record -> sessionId.equals(record.key()), expected,
                Duration.ofSeconds(20));
    }

    static ValidatableResponse post(String user, String action, Object body) {
        return Api.as(user).body(body).post("/rest/inventory/v1/sessions/action/" + action).then();
    }

    @ParameterizedTest
    @ValueSource(strings = {"disconnect", "logoff", "reset", "restart"})
    void anAcceptedActionIsOnKafkaKeyedBySessionWithCloudEventsHeaders(String action) {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);

        String commandId = post("admin", action, List.of(target.id())).statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(target.id()))
                .body("[0].status_code", equalTo(200))
                .body("[0].errors", hasSize(0))
                .body("[0].command_id", notNullValue())
                .extract().path("[0].command_id");

        List<ConsumerRecord<String, String>> records = commandsFor(target.id(), 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(target.id());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.ID)).isEqualTo(commandId);
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_SESSION_COMMAND);
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/sessionplane/session-service");
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(target.id());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.TIME)).isNotBlank();
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        SessionCommand command = JsonCodec.read(record.value(), SessionCommand.class);
        assertThat(command.commandId()).isEqualTo(commandId);
        assertThat(command.action().pathSegment()).isEqualTo(action);
        assertThat(command.sessionId()).isEqualTo(target.id());
        assertThat(command.podId()).isEqualTo(DemoAccessGroups.LOCAL_POD);
        assertThat(command.federated()).isFalse();
        assertThat(command.requestedBy()).isEqualTo("LOCAL\\admin");
        assertThat(command.machineId()).isEqualTo("machine-" + target.id());
        assertThat(command.forced()).isEqualTo(action.equals("logoff") ? Boolean.FALSE : null);
        // Every command expires: the agent must not act on it five minutes after the operator asked.
        assertThat(command.expiresAt()).isEqualTo(command.requestedAt() + Duration.ofMinutes(5).toMillis());

        Api.as("admin").get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("session_id", equalTo(target.id()))
                .body("expires_at", equalTo(command.expiresAt()));
    }

    @Test
    void sendMessageCarriesTheTextAndType() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        post("admin", "send-message", Map.of("message", "Maintenance at 18:00", "message_type", "WARNING",
                "session_ids", List.of(target.id()))).statusCode(200).body("[0].status_code", equalTo(200));
        SessionCommand command = JsonCodec.read(commandsFor(target.id(), 1).get(0).value(), SessionCommand.class);
        assertThat(command.message()).isEqualTo("Maintenance at 18:00");
        assertThat(command.messageType().name()).isEqualTo("WARNING");
        // A message is only worth showing soon after it was sent.
        assertThat(command.expiresAt()).isEqualTo(command.requestedAt() + Duration.ofMinutes(1).toMillis());
    }

    @Test
    void stateRulesRefuseEarlyWith409AndSendNothing() {
        SessionFixture disconnected = session().state(SessionState.DISCONNECTED);
        SessionFixture locked = session().locked();
        SessionFixture application = session().application("Calculator");
        SessionFixture rdsDesktop = session().rdsDesktop();
        SessionFixture unmanaged = session().notVcenterManaged();
        SessionFixture.publishAndAwait(disconnected, locked, application, rdsDesktop, unmanaged);

        post("admin", "disconnect", List.of(disconnected.id())).statusCode(200)
                .body("[0].status_code", equalTo(409))
                .body("[0].errors[0].error_key", equalTo("inventory.session.already.disconnected"))
                .body("[0].command_id", nullValue());
        post("admin", "logoff", List.of(locked.id())).statusCode(200)
                .body("[0].status_code", equalTo(409))
                .body("[0].errors[0].error_key", equalTo("inventory.session.locked"));
        for (SessionFixture notResettable : List.of(application, rdsDesktop, unmanaged)) {
            for (String action : List.of("reset", "restart")) {
                post("admin", action, List.of(notResettable.id())).statusCode(200)
                        .body("[0].status_code", equalTo(409))
                        .body("[0].errors[0].error_key", equalTo("inventory.session.not.resettable"));
            }
        }
        for (SessionFixture refused : List.of(disconnected, application, rdsDesktop, unmanaged)) {
            assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> refused.id().equals(r.key()))).isEmpty();
        }
        // A locked session is logged off when forced.
        post("admin", "logoff?forced=true", List.of(locked.id())).statusCode(200).body("[0].status_code", equalTo(200));
        SessionCommand forced = JsonCodec.read(commandsFor(locked.id(), 1).get(0).value(), SessionCommand.class);
        assertThat(forced.forced()).isTrue();
        // Sending a message to a disconnected session is not refused by the control plane.
        post("admin", "send-message", Map.of("message", "hi", "message_type", "INFO",
                "session_ids", List.of(disconnected.id()))).body("[0].status_code", equalTo(200));
    }

    /**
     * A dry run answers exactly what the real call then answers, item by item (status and error), and sends and
     * stores nothing; for every action, as admin and as the Finance helpdesk.
     */
    @Test
    void aDryRunAnswersWhatTheRealCallDoesAndSendsNothing() {
        SessionFixture connected = session().group(DemoAccessGroups.FINANCE);
        SessionFixture disconnected = session().group(DemoAccessGroups.FINANCE).state(SessionState.DISCONNECTED);
        SessionFixture locked = session().group(DemoAccessGroups.FINANCE).locked();
        SessionFixture application = session().group(DemoAccessGroups.FINANCE).application("Calculator");
        SessionFixture engineering = session().group(DemoAccessGroups.ENGINEERING);
        SessionFixture remote = session().federated();
        List<SessionFixture> fixtures = List.of(connected, disconnected, locked, application, engineering, remote);
        SessionFixture.publishAndAwait(fixtures);
        List<String> ids = new ArrayList<>(fixtures.stream().map(SessionFixture::id).toList());
        ids.add("no-such-session");

        for (String user : List.of("helpdesk", "admin")) {
            for (String action : List.of("disconnect", "logoff", "reset", "restart")) {
                JsonPath dry = post(user, action + "?dry_run=true", ids).statusCode(200).extract().jsonPath();
                assertThat(dry.getList("command_id")).as("%s %s: nothing sent, no command id", user, action)
                        .containsOnlyNulls();
                assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> ids.contains(r.key()))).isEmpty();
            }
        }
        // Now for real, one action per state so the sessions' states stay as they are for the comparison.
        for (String user : List.of("helpdesk", "admin")) {
            String action = user.equals("helpdesk") ? "reset" : "logoff";
            JsonPath dry = post(user, action + "?dry_run=true", ids).statusCode(200).extract().jsonPath();
            JsonPath real = post(user, action, ids).statusCode(200).extract().jsonPath();
            assertThat(real.getList("status_code")).as("%s %s", user, action).isEqualTo(dry.getList("status_code"));
            assertThat(real.getList("errors")).as("%s %s", user, action).isEqualTo(dry.getList("errors"));
            assertThat(real.getList("id")).isEqualTo(dry.getList("id"));
        }
        Map<String, Object> message = Map.of("message", "preview", "message_type", "INFO", "session_ids", ids);
        JsonPath dry = post("helpdesk", "send-message?dry_run=true", message).statusCode(200).extract().jsonPath();
        assertThat(dry.getList("status_code")).isEqualTo(List.of(200, 200, 200, 200, 403, 403, 404));
        // A refusal names what was sent, not the access group the caller may not see.
        assertThat(dry.getList("errors.flatten().error_message", String.class)).filteredOn(m -> m.contains("privilege"))
                .hasSize(2).noneMatch(m -> m.contains(DemoAccessGroups.ENGINEERING));
        // The body is validated as for a real call, and dry_run takes true or false only.
        post("admin", "send-message?dry_run=true", Map.of("message", "", "message_type", "INFO", "session_ids", ids))
                .statusCode(400);
        post("admin", "disconnect?dry_run=maybe", ids).statusCode(400).body("error_key", equalTo("common.bad.request"));
        // Global actions too.
        Api.as("admin").body(List.of(Map.of("pod_id", DemoAccessGroups.REMOTE_POD, "ids", List.of(remote.id()))))
                .post("/rest/inventory/v1/global-sessions/action/disconnect?dry_run=true").then().statusCode(200)
                .body("[0].details[0].status_code", equalTo(200)).body("[0].details[0].command_id", nullValue());
        assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> remote.id().equals(r.key())
                && r.value().contains("\"DISCONNECT\""))).isEmpty();
    }

    @Test
    void bulkRequestsAnswerEveryIdInOrderAndActOnDuplicatesOnce() {
        SessionFixture first = session();
        SessionFixture disconnected = session().state(SessionState.DISCONNECTED);
        SessionFixture second = session();
        SessionFixture.publishAndAwait(first, disconnected, second);

        post("admin", "disconnect", List.of(first.id(), "missing-session", disconnected.id(), first.id(), second.id()))
                .statusCode(200)
                .body("id", equalTo(List.of(first.id(), "missing-session", disconnected.id(), first.id(), second.id())))
                .body("status_code", equalTo(List.of(200, 404, 409, 200, 200)))
                .body("[1].errors[0].error_key", equalTo("inventory.session.not.found"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> first.id().equals(r.key()))).hasSize(1));
        assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> second.id().equals(r.key()))).hasSize(1);
    }

    @Test
    void aThousandIdsAreOneRequestButNotMore() {
        List<String> thousand = new ArrayList<>(Collections.nCopies(1000, "not-there"));
        post("admin", "disconnect", thousand).statusCode(200).body("$", hasSize(1000));
        thousand.add("one-too-many");
        post("admin", "disconnect", thousand).statusCode(400).body("error_key", equalTo("common.bad.request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ids\":[\"a\"]}", "[]", "[null]", "[\"\"]", "[1,2]", "\"abc\"", "[[\"a\"]]", "{", "null"})
    void aBadBodyFailsTheWholeRequestWith400(String body) {
        post("admin", "disconnect", body).statusCode(400).body("error_key", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[null]", "[{\"ids\":[\"a\"]}]", "[{\"pod_id\":\" \",\"ids\":[\"a\"]}]",
        "[{\"pod_id\":\"p\"}]", "[{\"pod_id\":\"p\",\"ids\":[null]}]", "[\"a\"]", "{\"pod_id\":\"p\"}", "null"})
    void aBadGlobalBodyFailsTheWholeRequestWith400(String body) {
        Api.as("admin").body(body).post("/rest/inventory/v1/global-sessions/action/disconnect").then()
                .statusCode(400).body("error_key", notNullValue()).body("error_message", notNullValue());
    }

    @Test
    void sendMessageBodiesAreValidated() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        post("admin", "send-message", Map.of("message", "x", "message_type", "SHOUT", "session_ids",
                List.of(target.id()))).statusCode(400).body("error_message", equalTo("message_type must be INFO, WARNING or ERROR"));
        post("admin", "send-message", Map.of("message", " ", "message_type", "INFO", "session_ids",
                List.of(target.id()))).statusCode(400).body("error_message", equalTo("message must not be empty"));
        post("admin", "send-message", Map.of("message", "x".repeat(1025), "message_type", "INFO", "session_ids",
                List.of(target.id()))).statusCode(400);
        post("admin", "send-message", Map.of("message", "x", "message_type", "INFO")).statusCode(400);
        post("admin", "send-message", Map.of("message", "a\u0000b", "message_type", "INFO", "session_ids",
                List.of(target.id()))).statusCode(400);
        post("admin", "disconnect", List.of("a\u0000b")).statusCode(400);
        post("admin", "send-message", List.of(target.id())).statusCode(400);
        post("admin", "logoff?forced=maybe", List.of(target.id())).statusCode(400);
        // forced means something to logoff only: elsewhere a malformed or a true value is refused, not ignored.
        post("admin", "disconnect?forced=banana", List.of(target.id())).statusCode(400)
                .body("error_message", equalTo("forced must be true or false"));
        post("admin", "reset?forced=true", List.of(target.id())).statusCode(400)
                .body("error_message", equalTo("forced applies to logoff only"));
        post("admin", "explode", List.of(target.id())).statusCode(404);
        assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> target.id().equals(r.key()))).isEmpty();
    }

    @Test
    void globalActionsAnswerPerPod() {
        SessionFixture remote = session().federated();
        SessionFixture local = session();
        SessionFixture.publishAndAwait(remote, local);
        // The same session under a second entry of its pod is answered again but acted on once.
        JsonPath answer = Api.as("admin").body(List.of(
                        Map.of("pod_id", DemoAccessGroups.REMOTE_POD, "ids", List.of(remote.id(), local.id())),
                        Map.of("pod_id", "pod-nowhere", "ids", List.of(remote.id())),
                        Map.of("pod_id", DemoAccessGroups.REMOTE_POD, "ids", List.of(remote.id()))))
                .post("/rest/inventory/v1/global-sessions/action/logoff").then()
                .statusCode(200)
                .body("[0].pod_id", equalTo(DemoAccessGroups.REMOTE_POD))
                .body("[0].status_code", equalTo(200))
                .body("[0].details.status_code", equalTo(List.of(200, 404)))
                .body("[1].pod_id", equalTo("pod-nowhere"))
                .body("[1].status_code", equalTo(404))
                .body("[1].errors[0].error_key", equalTo("inventory.pod.not.found"))
                .body("[2].details.status_code", equalTo(List.of(200)))
                .extract().jsonPath();
        assertThat(answer.getString("[2].details[0].command_id")).isEqualTo(answer.getString("[0].details[0].command_id"));
        // Every accepted command was acknowledged by the broker before the answer, so the topic is complete now.
        List<ConsumerRecord<String, String>> sent = kafka.readAll(Topics.SESSION_COMMANDS, r -> remote.id().equals(r.key()));
        assertThat(sent).hasSize(1);
        SessionCommand command = JsonCodec.read(sent.get(0).value(), SessionCommand.class);
        assertThat(command.federated()).isTrue();
        assertThat(command.podId()).isEqualTo(DemoAccessGroups.REMOTE_POD);

        Api.as("admin").body(Map.of("global_session_action_specs", List.of(Map.of("pod_id", DemoAccessGroups.LOCAL_POD,
                        "ids", List.of(local.id()))), "message", "hello", "message_type", "INFO"))
                .post("/rest/inventory/v1/global-sessions/action/send-message").then()
                .statusCode(200).body("[0].details[0].status_code", equalTo(200));
        Api.as("admin").body(List.of(Map.of("ids", List.of(local.id()))))
                .post("/rest/inventory/v1/global-sessions/action/disconnect").then().statusCode(400);
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswerWithoutActingAgain() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        String key = UUID.randomUUID().toString();
        String first = Api.as("admin").header("Idempotency-Key", key).body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .body("[0].status_code", equalTo(200)).extract().asString();
        String replay = Api.as("admin").header("Idempotency-Key", key).body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .header("Idempotent-Replayed", "true").extract().asString();
        JsonNode replayed = JsonCodec.read(replay, JsonNode.class);
        assertThat(replayed).isEqualTo(JsonCodec.read(first, JsonNode.class));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> target.id().equals(r.key()))).hasSize(1));

        Api.as("admin").header("Idempotency-Key", key).body(List.of(target.id(), "other"))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(422)
                .body("error_key", equalTo("common.idempotency.key.reused"));
        Api.as("admin").header("Idempotency-Key", key).body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/logoff").then().statusCode(422);
        // Keys belong to their caller: another operator's identical key is a different request.
        Api.as("helpdesk").header("Idempotency-Key", key).body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200);
        Api.as("admin").header("Idempotency-Key", "k".repeat(256)).body(List.of(target.id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(400);
    }
}
