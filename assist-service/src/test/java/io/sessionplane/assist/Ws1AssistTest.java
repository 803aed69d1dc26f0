package io.sessionplane.assist;

import static io.restassured.RestAssured.given;
import static io.sessionplane.assist.AssistFixtures.FINANCE;
import static io.sessionplane.assist.AssistFixtures.ENGINEERING;
import static io.sessionplane.assist.AssistFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "assist"))
class Ws1AssistTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();

    static String admin() {
        return token(FINANCE, "MACHINE_VIEW", "REMOTE_ASSISTANCE");
    }

    static void awaitStatus(String sessionId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", sessionId).then()
                .statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void statusReportsEachAgentSituation() {
        SessionSnapshot ok = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot outdated = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot notInstalled = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot oldOs = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot neverReported = AssistFixtures.desktop(kafka, FINANCE, false);
        AssistFixtures.facts(kafka, ok.session().machineId(), true, "2.4.1", true);
        AssistFixtures.facts(kafka, outdated.session().machineId(), true, "1.9.4", true);
        AssistFixtures.facts(kafka, notInstalled.session().machineId(), false, "2.4.1", true);
        AssistFixtures.facts(kafka, oldOs.session().machineId(), true, "2.4.1", false);

        awaitStatus(ok.session().id(), "OK");
        awaitStatus(outdated.session().id(), "HELPDESK_PLUGIN_OUTDATED");
        awaitStatus(notInstalled.session().id(), "ASSIST_AGENT_NOT_INSTALLED");
        awaitStatus(oldOs.session().id(), "OS_NOT_SUPPORTED");
        awaitStatus(neverReported.session().id(), "ASSIST_AGENT_NOT_INSTALLED");
        given().auth().oauth2(admin()).get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", ok.session().id())
                .then().body("status_code", equalTo(0));
    }

    @Test
    void statusNeedsAViewPrivilegeOnTheSessionsGroup() {
        SessionSnapshot finance = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot engineering = AssistFixtures.desktop(kafka, ENGINEERING, false);
        SessionSnapshot remote = AssistFixtures.desktop(kafka, FINANCE, true);
        awaitStatus(finance.session().id(), "ASSIST_AGENT_NOT_INSTALLED");
        String financeViewer = token(FINANCE, "MACHINE_VIEW");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(financeViewer)
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", engineering.session().id()).then()
                .statusCode(403).body("error_key", equalTo("common.insufficient.privileges")));
        given().auth().oauth2(token(ENGINEERING, "POOL_VIEW"))
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", engineering.session().id()).then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(financeViewer)
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", remote.session().id()).then().statusCode(403));
        String federatedViewer = AssistFixtures.operator(FINANCE).federatedPrivileges(Set.of("FEDERATED_SESSIONS_VIEW"))
                .accessGroupPrivileges(Map.of()).mint();
        given().auth().oauth2(federatedViewer).get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status",
                remote.session().id()).then().statusCode(200);
        given().auth().oauth2(financeViewer).get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", "nope").then()
                .statusCode(404).body("error_key", equalTo("inventory.session.not.found"));
        given().get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", "nope").then().statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String foreign = AssistFixtures.operator(FINANCE, "MACHINE_VIEW", "REMOTE_ASSISTANCE")
                .audience("some-other-service").mint();
        given().auth().oauth2(foreign).get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", "nope").then()
                .statusCode(401).body("error_key", equalTo("common.unauthorized"));
        given().header("X-Auth-Token", foreign).get(ShareSpaceTest.path("demo", "nope")).then().statusCode(401)
                .body("error_code", equalTo("WKS.0401"));
        // The same grants for SessionPlane's audience pass authentication (and find nothing there).
        given().auth().oauth2(AssistFixtures.token(FINANCE, "MACHINE_VIEW")).get(
                "/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", "nope").then().statusCode(404);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        String huge = "{\"session_id\":\"" + "x".repeat(20_000) + "\"}";
        given().auth().oauth2(AssistFixtures.token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body(huge).post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(413)
                .body("error_key", equalTo("common.payload.too.large"))
                .body("error_message", equalTo("the request body is 20017 bytes; this path takes at most 16384"));
        // Under /v2/ in Huawei's body.
        given().header("X-Auth-Token", AssistFixtures.token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body(huge).post(ShareSpaceTest.path("demo", "nope")).then().statusCode(413)
                .body("error_code", equalTo("WKS.0413"));
        given().auth().oauth2(AssistFixtures.token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body("{\"session_id\":\"" + "x".repeat(256) + "\"}")
                .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(404);
    }

    @Test
    void agentIdIsGivenToRemoteAssistanceOrMachineManagementAndAudited() {
        SessionSnapshot desktop = AssistFixtures.desktop(kafka, FINANCE, false);
        SessionSnapshot bare = AssistFixtures.desktop(kafka, FINANCE, false);
        String machine = desktop.session().machineId();
        AssistFixtures.facts(kafka, machine, true, "2.4.1", true);
        AssistFixtures.facts(kafka, bare.session().machineId(), false, "2.4.1", true);
        awaitStatus(desktop.session().id(), "OK");
        awaitStatus(bare.session().id(), "ASSIST_AGENT_NOT_INSTALLED");

        for (String privilege : new String[] {"REMOTE_ASSISTANCE", "MACHINE_MANAGEMENT"}) {
            given().auth().oauth2(token(FINANCE, privilege)).contentType(ContentType.JSON)
                    .body(Map.of("session_id", desktop.session().id()))
                    .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then()
                    .statusCode(200).body("agent_id", equalTo("agent-" + machine)).body("error_code", nullValue());
        }
        var audited = kafka.await(Topics.ASSIST_OUTCOMES, r -> desktop.session().id().equals(r.key()), 2,
                Duration.ofSeconds(20));
        assertThat(audited).hasSize(2);
        // Each lookup is its own audit record, even two in a row: distinct event ids (audit stores one row per id).
        assertThat(audited).extracting(r -> JsonCodec.read(r.value(), AssistOutcome.class).eventId())
                .doesNotHaveDuplicates();
        AssistOutcome outcome = JsonCodec.read(audited.get(0).value(), AssistOutcome.class);
        assertThat(outcome.eventType().name()).isEqualTo("HELPDESK_GET_WS1_ASSIST_AGENT_ID");
        assertThat(outcome.requestedBy()).isEqualTo("LOCAL\\operator");
        assertThat(outcome.machineId()).isEqualTo(machine);

        given().auth().oauth2(token(FINANCE, "MACHINE_VIEW")).contentType(ContentType.JSON)
                .body(Map.of("session_id", desktop.session().id()))
                .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(403);
        given().auth().oauth2(token(ENGINEERING, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body(Map.of("session_id", desktop.session().id()))
                .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(403);
        given().auth().oauth2(token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body(Map.of("session_id", bare.session().id()))
                .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then()
                .statusCode(200).body("agent_id", nullValue()).body("error_code", equalTo("ASSIST_AGENT_NOT_INSTALLED"));
        given().auth().oauth2(token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON)
                .body(Map.of("session_id", "nope")).post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id")
                .then().statusCode(404);
        for (String bad : new String[] {"{}", "{\"session_id\":7}", "[]", "{"}) {
            given().auth().oauth2(token(FINANCE, "REMOTE_ASSISTANCE")).contentType(ContentType.JSON).body(bad)
                    .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(400);
        }
        // Only the successful lookups of the local session were audited.
        assertThat(kafka.readAll(Topics.ASSIST_OUTCOMES, r -> bare.session().id().equals(r.key()))).isEmpty();
    }

    @Test
    void anInvalidAgentIdRequestIsAHorizonInvalidArgument() {
        String token = token(FINANCE, "REMOTE_ASSISTANCE");
        for (String body : new String[] {"{}", "{\"session_id\":\"  \"}"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(400)
                    .body("error_key", equalTo("common.invalid.argument"))
                    .body("error_message", equalTo("session_id is required"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("session_id", "s".repeat(257)))
                .post("/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id").then().statusCode(400)
                .body("error_key", equalTo("common.invalid.argument"))
                .body("error_message", equalTo("session_id is at most 256 characters"));
    }
}
