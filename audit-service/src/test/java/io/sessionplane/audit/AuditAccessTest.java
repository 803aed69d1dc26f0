package io.sessionplane.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Object-level authorization of audit reads (issue 13): each record is read by its own session's access group. A
 * Finance auditor reads Finance's records and no other group's (list and by id, paging counting only visible ones);
 * an administrator on Root reads them all.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditAccessTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();
    static final String FINANCE_SESSION = "f-" + UUID.randomUUID();
    static final String ENGINEERING_SESSION = "e-" + UUID.randomUUID();
    static final String FEDERATED_SESSION = "x-" + UUID.randomUUID();
    static final String UNGROUPED_SESSION = "u-" + UUID.randomUUID();
    static boolean published;

    static ValidatableResponse list(String token, String filter, String query) {
        return given().auth().oauth2(token).queryParam("filter", filter)
                .get("/rest/external/v1/audit-events" + query).then();
    }

    static String session(String sessionId) {
        return "{\"type\":\"Equals\",\"name\":\"session_id\",\"value\":\"" + sessionId + "\"}";
    }

    /** Per group: a lifecycle event and a command that carry the group, then outcomes that do not. */
    @BeforeEach
    void publishOnce() {
        if (published) {
            return;
        }
        published = true;
        publishSession(FINANCE_SESSION, AuditEvents.FINANCE);
        publishSession(ENGINEERING_SESSION, AuditEvents.ENGINEERING);
        kafka.send(Topics.SESSION_EVENTS, FEDERATED_SESSION, JsonCodec.write(AuditEvents.lifecycle(FEDERATED_SESSION,
                1, EventType.AGENT_CONNECTED, System.currentTimeMillis(), "a-group-of-pod-us-east", true)));
        // A command from before commands carried their group, of a session never told: no group at all.
        kafka.send(Topics.SESSION_COMMANDS, UNGROUPED_SESSION, JsonCodec.write(AuditEvents.command(UNGROUPED_SESSION)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            list(AuditEvents.rootAdmin(), session(FINANCE_SESSION), "").body("$", hasSize(4));
            list(AuditEvents.rootAdmin(), session(ENGINEERING_SESSION), "").body("$", hasSize(4));
            list(AuditEvents.rootAdmin(), session(FEDERATED_SESSION), "").body("$", hasSize(1));
            list(AuditEvents.rootAdmin(), session(UNGROUPED_SESSION), "").body("$", hasSize(1));
        });
    }

    private static void publishSession(String sessionId, String group) {
        SessionCommand command = AuditEvents.command(sessionId, group);
        kafka.send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(AuditEvents.lifecycle(sessionId, 1,
                EventType.AGENT_CONNECTED, System.currentTimeMillis(), group, false)));
        kafka.send(Topics.SESSION_COMMANDS, sessionId, JsonCodec.write(command));
        // The outcomes lack the group: they take the one audit learnt from the command and the lifecycle event.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                list(AuditEvents.rootAdmin(), session(sessionId), "").body("$", hasSize(2)));
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(AuditEvents.outcome(command,
                System.currentTimeMillis())));
        kafka.send(Topics.ASSIST_OUTCOMES, sessionId, JsonCodec.write(AuditEvents.assist(sessionId,
                "space-" + UUID.randomUUID(), System.currentTimeMillis())));
    }

    @Test
    void aFinanceAuditorReadsFinanceRecordsOnly() {
        String finance = AuditEvents.auditorOf(AuditEvents.FINANCE);
        list(finance, session(FINANCE_SESSION), "").statusCode(200).body("$", hasSize(4))
                .body("access_group_id", everyItem(equalTo(AuditEvents.FINANCE)))
                .body("federated", everyItem(equalTo(false)));
        list(finance, session(ENGINEERING_SESSION), "").statusCode(200).body("$", hasSize(0));
        // Other pods' records and records without a group are read on Root (federated view alone is not enough).
        list(finance, session(FEDERATED_SESSION), "").statusCode(200).body("$", hasSize(0));
        list(finance, session(UNGROUPED_SESSION), "").statusCode(200).body("$", hasSize(0));
        list(AuditEvents.auditorOf(AuditEvents.ENGINEERING), session(ENGINEERING_SESSION), "").body("$", hasSize(4));
    }

    @Test
    void visibilityIsInTheQuerySoPagesHoldOnlyVisibleRecords() {
        String both = "{\"type\":\"Or\",\"filters\":[" + session(FINANCE_SESSION) + "," + session(ENGINEERING_SESSION)
                + "]}";
        String finance = AuditEvents.auditorOf(AuditEvents.FINANCE);
        list(finance, both, "?size=2&page=1").statusCode(200).header("HAS_MORE_RECORDS", "TRUE")
                .body("$", hasSize(2)).body("access_group_id", everyItem(equalTo(AuditEvents.FINANCE)));
        list(finance, both, "?size=2&page=2").statusCode(200).header("HAS_MORE_RECORDS", (String) null)
                .body("$", hasSize(2)).body("access_group_id", everyItem(equalTo(AuditEvents.FINANCE)));
        list(AuditEvents.rootAdmin(), both, "?size=8").statusCode(200).body("$", hasSize(8));
    }

    @Test
    void aRecordOfAnotherGroupIsNotFoundById() {
        long financeId = firstId(FINANCE_SESSION);
        long engineeringId = firstId(ENGINEERING_SESSION);
        long federatedId = firstId(FEDERATED_SESSION);
        long ungroupedId = firstId(UNGROUPED_SESSION);
        String finance = AuditEvents.auditorOf(AuditEvents.FINANCE);
        given().auth().oauth2(finance).get("/rest/external/v1/audit-events/{id}", financeId).then().statusCode(200)
                .body("session_id", equalTo(FINANCE_SESSION)).body("access_group_id", equalTo(AuditEvents.FINANCE));
        for (long hidden : new long[] {engineeringId, federatedId, ungroupedId}) {
            given().auth().oauth2(finance).get("/rest/external/v1/audit-events/{id}", hidden).then().statusCode(404)
                    .body("error_key", equalTo("audit.event.not.found")).body("session_id", nullValue());
        }
        String admin = AuditEvents.rootAdmin();
        for (long visible : new long[] {financeId, engineeringId, federatedId, ungroupedId}) {
            given().auth().oauth2(admin).get("/rest/external/v1/audit-events/{id}", visible).then().statusCode(200);
        }
        given().auth().oauth2(admin).get("/rest/external/v1/audit-events/{id}", federatedId).then()
                .body("federated", equalTo(true));
    }

    @Test
    void anOutcomeStoredBeforeItsSessionsGroupWasToldGetsItLater() {
        String sessionId = "h-" + UUID.randomUUID();
        SessionCommand command = AuditEvents.command(sessionId, AuditEvents.FINANCE);
        kafka.send(Topics.SESSION_OUTCOMES, sessionId, JsonCodec.write(AuditEvents.outcome(command,
                System.currentTimeMillis())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(AuditEvents.rootAdmin(), session(sessionId), "")
                .body("$", hasSize(1)).body("[0].access_group_id", nullValue()));
        String finance = AuditEvents.auditorOf(AuditEvents.FINANCE);
        list(finance, session(sessionId), "").body("$", hasSize(0));

        kafka.send(Topics.SESSION_COMMANDS, sessionId, JsonCodec.write(command));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(finance, session(sessionId), "")
                .body("$", hasSize(2)).body("access_group_id", everyItem(equalTo(AuditEvents.FINANCE))));
    }

    @Test
    void aReaderWithoutTheAuditPrivilegeOnAnyGroupIs403() {
        list(AuditEvents.operatorWithoutAuditPrivilege(), session(FINANCE_SESSION), "").statusCode(403)
                .body("error_key", equalTo("common.insufficient.privileges"));
    }

    private static long firstId(String sessionId) {
        return ((Number) list(AuditEvents.rootAdmin(), session(sessionId), "").extract().path("[0].id")).longValue();
    }
}
