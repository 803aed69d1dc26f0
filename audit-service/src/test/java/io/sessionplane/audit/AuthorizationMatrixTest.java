package io.sessionplane.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.AuthorizationMatrix;
import io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Operation;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Probe;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Table;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix of audit-service, generated from its own OpenAPI document: every operation × every caller
 * kind, expected answers in {@code authorization-matrix.csv}. A new endpoint without a row, or a row without an
 * endpoint, fails here.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
class AuthorizationMatrixTest {
    static final String TABLE = "authorization-matrix.csv";
    static final Set<String> LOCAL_PRIVILEGES = Set.of("MACHINE_VIEW", "POOL_VIEW", "MACHINE_MANAGE_VDI_SESSION",
            "POOL_MANAGEMENT", "MACHINE_REBOOT", "MACHINE_MANAGEMENT", "REMOTE_ASSISTANCE", "GLOBAL_CONFIG_VIEW");
    static final Set<String> FEDERATED_PRIVILEGES = Set.of("FEDERATED_SESSIONS_VIEW", "FEDERATED_SESSIONS_MANAGE");
    static final String EVENTS = "/rest/external/v1/audit-events";

    /** One audit record: its session, its id and its user (unique to this run). */
    record Target(String sessionId, long recordId, String userMarker) {
    }

    static Target local;
    static Target federated;
    static URI base;

    /** The fixtures, built once per class (the app is up only from the first test on). */
    @BeforeEach
    void fixtures() {
        if (local != null) {
            return;
        }
        base = URI.create("http://localhost:" + RestAssured.port);
        local = record(AuditEvents.FINANCE, false);
        federated = record("a-group-of-pod-us-east", true);
    }

    /** Publishes a lifecycle event of a new session and waits until audit-service stored it. */
    private static Target record(String group, boolean otherPod) {
        String sessionId = (otherPod ? "x-" : "f-") + UUID.randomUUID();
        String marker = (otherPod ? "fed-" : "fin-") + UUID.randomUUID().toString().substring(0, 12);
        EventType type = EventType.AGENT_CONNECTED;
        SessionEvent event = new SessionEvent(UUID.randomUUID().toString(), sessionId, 1, SessionEventKind.LIFECYCLE,
                type, type.defaultSeverity(), "User MATRIX\\" + marker + ": " + type + " on VDI-7",
                System.currentTimeMillis(), group, otherPod, otherPod ? "pod-us-east" : "pod-eu-west", "S-1-5-21-7",
                "MATRIX\\" + marker, "machine-" + sessionId, "VDI-7", "vdi-7.corp.example.com", "Finance Desktops",
                null, SessionState.CONNECTED, null, null, null, null, null, null, null);
        KafkaTestClient.shared().send(Topics.SESSION_EVENTS, sessionId, JsonCodec.write(event));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(AuditEvents.rootAdmin())
                .queryParam("filter", bySession(sessionId)).get(EVENTS).then().statusCode(200).body("$", hasSize(1)));
        Number id = given().auth().oauth2(AuditEvents.rootAdmin()).queryParam("filter", bySession(sessionId))
                .get(EVENTS).then().extract().path("[0].id");
        return new Target(sessionId, id.longValue(), marker);
    }

    static String bySession(String sessionId) {
        return "{\"type\":\"Equals\",\"name\":\"session_id\",\"value\":\"" + sessionId + "\"}";
    }

    static Target target(boolean otherPod) {
        return otherPod ? federated : local;
    }

    /** Every operation of the table, and how a cell reaches its target. */
    Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("GET " + EVENTS, operation(fed -> Probe.get(EVENTS + "?filter="
                + URLEncoder.encode(bySession(target(fed).sessionId()), StandardCharsets.UTF_8))));
        operations.put("GET " + EVENTS + "/{id}", operation(fed -> Probe.get(EVENTS + "/" + target(fed).recordId())));
        return operations;
    }

    private static Operation operation(Function<Boolean, Probe> probe) {
        return new Operation() {
            @Override
            public Probe probe(boolean fed) {
                return probe.apply(fed);
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of(target(fed).userMarker());
            }
        };
    }

    Map<CallerKind, String> callers() {
        Set<String> audit = Set.of("GLOBAL_CONFIG_VIEW");
        return AuthorizationMatrix.Callers.of(TestInfrastructure.get())
                .ownGroup(AuditEvents.FINANCE).otherGroup(AuditEvents.ENGINEERING)
                .ancestorExpanded(AuditEvents.ROOT, AuditEvents.FINANCE, AuditEvents.ENGINEERING,
                        AuditEvents.CONTRACTORS)
                .privileges(LOCAL_PRIVILEGES).federatedPrivileges(FEDERATED_PRIVILEGES)
                .federatedCallerGrants(Map.of(AuditEvents.ROOT, audit, AuditEvents.FINANCE, audit,
                        AuditEvents.ENGINEERING, audit, AuditEvents.CONTRACTORS, audit))
                .mint();
    }

    @Test
    void theTableCoversExactlyTheOperationsOfTheOpenApiDocument() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = AuthorizationMatrix.documentedOperations(AuthorizationMatrix.openApi(base));
        assertThat(documented).as("operations of /q/openapi").hasSizeGreaterThanOrEqualTo(2);
        assertThat(AuthorizationMatrix.coverageProblems(documented, table)).isEmpty();
        assertThat(AuthorizationMatrix.tableProblems(table)).isEmpty();
        assertThat(AuthorizationMatrix.wiringProblems(table, operations().keySet())).isEmpty();
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        AuthorizationMatrix.Result result = AuthorizationMatrix.run(base, table, operations(), callers());
        assertThat(result.cells()).isEqualTo(table.rows().size() * CallerKind.values().length);
        assertThat(result.mismatches()).isEmpty();
    }

    /** The counterpart of the federated column: the audit privilege on Root alone does not read other pods' records. */
    @Test
    void theAuditPrivilegeOnRootWithoutFederatedViewDoesNotReadAnotherPodsRecord() {
        String ancestor = callers().get(CallerKind.ANCESTOR_GROUP);
        String body = given().auth().oauth2(ancestor).get(EVENTS + "/{id}", federated.recordId()).then()
                .statusCode(404).extract().asString();
        assertThat(body).doesNotContain(federated.userMarker());
        given().auth().oauth2(ancestor).queryParam("filter", bySession(federated.sessionId())).get(EVENTS).then()
                .statusCode(200).body("$", hasSize(0));
    }

    /** Negative controls: an endpoint without a row is reported, and so is a live cell expected wrongly. */
    @Test
    void anUncoveredEndpointAndAWrongCellAreReported() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = new TreeMap<>(AuthorizationMatrix.documentedOperations(
                AuthorizationMatrix.openApi(base)));
        documented.put("DELETE " + EVENTS + "/{id}", true);
        assertThat(AuthorizationMatrix.coverageProblems(documented, table)).containsExactly(
                "DELETE " + EVENTS + "/{id} is in the OpenAPI document but has no row in " + TABLE);

        // An Engineering auditor is expected to read the Finance record: the service hides it, and is reported.
        Table wrong = AuthorizationMatrix.parseTable("wrong", String.join("\n",
                "operation,access,no_token,expired,foreign_key,other_issuer,other_audience,no_privilege,other_group,"
                        + "own_group,ancestor_group,federated_on_local,federated",
                "GET " + EVENTS + "/{id},jwt,401,401,401,401,401,403,200+,200+,200+,403,200+"));
        assertThat(AuthorizationMatrix.run(base, wrong, operations(), callers()).mismatches()).singleElement()
                .asString().startsWith("GET " + EVENTS + "/{id} as other_group: expected 200+, got 404");
    }
}
