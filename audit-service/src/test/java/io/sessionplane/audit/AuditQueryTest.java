package io.sessionplane.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.sessionplane.audit.retention.RetentionJob;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters, paging, sorting, errors and retention over a fixed set of records of this run's session. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditQueryTest {
    private static final String SESSION = "q-" + UUID.randomUUID();
    private static final long BASE = 1_800_000_000_000L;
    private static final List<SessionOutcome> OUTCOMES = new ArrayList<>();

    @Inject
    RetentionJob retention;

    @BeforeEach
    void publishOnce() {
        if (!OUTCOMES.isEmpty()) {
            return;
        }
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            for (int i = 0; i < 5; i++) {
                SessionOutcome outcome = AuditEvents.outcome(AuditEvents.command(SESSION), BASE + i * 1000L);
                OUTCOMES.add(outcome);
                kafka.send(Topics.SESSION_OUTCOMES, SESSION, JsonCodec.write(outcome));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(null, "").body("$", hasSize(5)));
    }

    private static io.restassured.response.ValidatableResponse list(String filter, String query) {
        String scoped = "{\"type\":\"Equals\",\"name\":\"session_id\",\"value\":\"" + SESSION + "\"}";
        String combined = filter == null ? scoped : "{\"type\":\"And\",\"filters\":[" + scoped + "," + filter + "]}";
        return given().auth().oauth2(AuditEvents.auditor()).queryParam("filter", combined)
                .get("/rest/external/v1/audit-events" + query).then();
    }

    @Test
    void betweenOnTimeAndNewestFirst() {
        Response response = list("{\"type\":\"Between\",\"name\":\"time\",\"from_value\":" + (BASE + 1000)
                + ",\"to_value\":" + (BASE + 3000) + "}", "").statusCode(200).extract().response();
        assertThat(response.jsonPath().<Long>getList("time", Long.class))
                .containsExactly(BASE + 3000, BASE + 2000, BASE + 1000);
        list(null, "?sort_by=time&order_by=ASC").body("[0].time", equalTo(BASE));
        list("{\"type\":\"Contains\",\"name\":\"message\",\"value\":\"warning\"}", "").body("$", hasSize(5));
        list("{\"type\":\"Equals\",\"name\":\"severity\",\"value\":\"AUDIT_FAIL\"}", "").body("$", hasSize(0));
    }

    @Test
    void pagingSaysWhenMoreRecordsExist() {
        list(null, "?size=2&page=1").statusCode(200).header("HAS_MORE_RECORDS", "TRUE").body("$", hasSize(2));
        list(null, "?size=2&page=3").statusCode(200).header("HAS_MORE_RECORDS", (String) null).body("$", hasSize(1));
        list(null, "?size=1001").statusCode(400).body("error_key", equalTo("common.invalid.filter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"Equals\",\"name\":\"payload\",\"value\":\"x\"}",
            "{\"type\":\"Between\",\"name\":\"time\",\"from_value\":\"a\",\"to_value\":2}", "{oops"})
    void badFiltersAre400(String filter) {
        given().auth().oauth2(AuditEvents.auditor()).queryParam("filter", filter).get("/rest/external/v1/audit-events")
                .then().statusCode(400).body("error_key", equalTo("common.invalid.filter"));
    }

    @Test
    void readingNeedsATokenAndTheAuditPrivilege() {
        given().get("/rest/external/v1/audit-events").then().statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
        given().auth().oauth2(AuditEvents.operatorWithoutAuditPrivilege()).get("/rest/external/v1/audit-events").then()
                .statusCode(403).body("error_key", equalTo("common.insufficient.privileges"));
        given().auth().oauth2(AuditEvents.auditor()).get("/rest/external/v1/audit-events/{id}", 987654321).then()
                .statusCode(404).body("error_key", equalTo("audit.event.not.found"));
        given().auth().oauth2(AuditEvents.auditor()).get("/rest/external/v1/audit-events/{id}", "abc").then()
                .statusCode(404);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String foreign = TestInfrastructure.get().tokens().user("LOCAL", "auditor")
                .accessGroupPrivileges(Map.of(AuditEvents.ROOT, Set.of("GLOBAL_CONFIG_VIEW")))
                .audience("some-other-service").mint();
        given().auth().oauth2(foreign).get("/rest/external/v1/audit-events").then().statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
        list(null, "").statusCode(200);
    }

    @Test
    void retentionDeletesOnlyRecordsOlderThanItsAgeInBatches() {
        String old = "old-" + UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            for (int i = 0; i < 5; i++) {
                kafka.send(Topics.SESSION_OUTCOMES, old, JsonCodec.write(AuditEvents.outcome(AuditEvents.command(old),
                        1_000_000L + i)));
            }
        }
        String oldFilter = "{\"type\":\"Equals\",\"name\":\"session_id\",\"value\":\"" + old + "\"}";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(AuditEvents.auditor())
                .queryParam("filter", oldFilter).get("/rest/external/v1/audit-events").then().body("$", hasSize(5)));

        long deleted = retention.purge().await().atMost(Duration.ofSeconds(30));
        assertThat(deleted).isGreaterThanOrEqualTo(5);
        given().auth().oauth2(AuditEvents.auditor()).queryParam("filter", oldFilter)
                .get("/rest/external/v1/audit-events").then().body("$", hasSize(0));
        list(null, "").body("$", hasSize(5));
    }
}
