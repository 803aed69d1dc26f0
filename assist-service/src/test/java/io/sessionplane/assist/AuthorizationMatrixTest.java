package io.sessionplane.assist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import io.sessionplane.localstack.testing.AuthorizationMatrix;
import io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Operation;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Probe;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Table;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.net.URI;
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
 * The authorization matrix of assist-service, generated from its own OpenAPI document: every operation × every
 * caller kind, expected answers in {@code authorization-matrix.csv}. A new endpoint without a row, or a row without
 * an endpoint, fails here.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "assist"))
class AuthorizationMatrixTest {
    static final String TABLE = "authorization-matrix.csv";
    static final Set<String> LOCAL_PRIVILEGES = Set.of("MACHINE_VIEW", "POOL_VIEW", "MACHINE_MANAGE_VDI_SESSION",
            "POOL_MANAGEMENT", "MACHINE_REBOOT", "MACHINE_MANAGEMENT", "REMOTE_ASSISTANCE", "GLOBAL_CONFIG_VIEW");
    static final Set<String> FEDERATED_PRIVILEGES = Set.of("FEDERATED_SESSIONS_VIEW", "FEDERATED_SESSIONS_MANAGE");
    static final String PROJECT = "demo";

    /** A desktop assist-service knows: its session, machine, unique user and agent id. */
    record Desktop(String sessionId, String machineId, String userMarker, String agentId) {
        String spacePath() {
            return "/v2/" + PROJECT + "/desktops/" + machineId + "/remote-assistance";
        }
    }

    static Desktop local;
    static Desktop federated;
    static String admin;
    static URI base;

    /** The fixtures, built once per class (the app is up only from the first test on). */
    @BeforeEach
    void fixtures() {
        if (local != null) {
            return;
        }
        base = URI.create("http://localhost:" + RestAssured.port);
        Set<String> all = LOCAL_PRIVILEGES;
        admin = TestInfrastructure.get().tokens().user("LOCAL", "matrix-admin")
                .accessGroupPrivileges(Map.of(AssistFixtures.ROOT, all, AssistFixtures.FINANCE, all,
                        AssistFixtures.ENGINEERING, all, AssistFixtures.CONTRACTORS, all))
                .federatedPrivileges(FEDERATED_PRIVILEGES).projects(List.of(PROJECT)).mint();
        federated = publishDesktop(true);
        local = publishDesktop(false);
    }

    /** Publishes a Finance desktop (of this pod or another) and its installed agent, and waits until both are known. */
    private static Desktop publishDesktop(boolean otherPod) {
        KafkaTestClient kafka = KafkaTestClient.shared();
        String id = UUID.randomUUID().toString();
        String machine = "m-" + UUID.randomUUID();
        String marker = (otherPod ? "fed-" : "fin-") + UUID.randomUUID().toString().substring(0, 12);
        String sid = "S-1-5-21-78-" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        SessionInfo info = new SessionInfo(id, "g-" + id, AssistFixtures.FINANCE, "8.12.0", null, sid, false, null,
                "pool-1", null, null, 0L, 1000L, machine, null, otherPod, null, null, SessionState.CONNECTED,
                SessionType.DESKTOP, 1_700_000_000_000L, false, sid);
        SessionSnapshot snapshot = new SessionSnapshot(info, otherPod ? "pod-us-east" : "pod-eu-west", "pod-eu-west",
                false, true, new SessionNames("MATRIX\\" + marker, "VDI-" + marker, marker + ".corp.example.com",
                        "Finance Desktops", null, null, "Finance"), System.currentTimeMillis());
        kafka.send(Topics.SESSION_INVENTORY, id, JsonCodec.write(snapshot));
        AssistFixtures.facts(kafka, machine, true, "2.1.0", true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", id).then().statusCode(200)
                .body("status", equalTo("OK")));
        return new Desktop(id, machine, marker, "agent-" + machine);
    }

    static Desktop desktop(boolean otherPod) {
        return otherPod ? federated : local;
    }

    /** Every operation of the table, and how a cell reaches its target. */
    Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("GET /rest/helpdesk/v1/sessions/{id}/ws1-assist/status", operation(fed -> Probe.get(
                "/rest/helpdesk/v1/sessions/" + desktop(fed).sessionId() + "/ws1-assist/status"),
                fed -> List.of(desktop(fed).machineId(), desktop(fed).userMarker())));
        operations.put("POST /rest/helpdesk/v1/sessions/action/ws1-assist-agent-id", operation(fed -> Probe.post(
                "/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id",
                JsonCodec.write(Map.of("session_id", desktop(fed).sessionId()))), fed -> List.of(desktop(fed).agentId())));
        operations.put("POST /v2/{project_id}/desktops/{desktop_id}/remote-assistance", new ShareSpaceOperation(false) {
            @Override
            public Probe probe(boolean fed) {
                return new Probe("POST", desktop(fed).spacePath(), null, Map.of(), false);
            }
        });
        operations.put("GET /v2/{project_id}/desktops/{desktop_id}/remote-assistance", new ShareSpaceOperation(true) {
            @Override
            public Probe probe(boolean fed) {
                return Probe.get(desktop(fed).spacePath());
            }
        });
        operations.put("DELETE /v2/{project_id}/desktops/{desktop_id}/remote-assistance",
                new ShareSpaceOperation(true) {
                    @Override
                    public Probe probe(boolean fed) {
                        return Probe.delete(desktop(fed).spacePath());
                    }
                });
        return operations;
    }

    private static Operation operation(Function<Boolean, Probe> probe, Function<Boolean, List<String>> secrets) {
        return new Operation() {
            @Override
            public Probe probe(boolean fed) {
                return probe.apply(fed);
            }

            @Override
            public List<String> secrets(boolean fed) {
                return secrets.apply(fed);
            }
        };
    }

    /**
     * Before each cell the desktop has a live share space (made by the administrator) or, for a create, none; its
     * secrets are the invitation code and password the administrator reads, and the desktop's user.
     */
    abstract static class ShareSpaceOperation implements Operation {
        private final boolean live;
        private List<String> secrets = List.of();

        ShareSpaceOperation(boolean live) {
            this.live = live;
        }

        @Override
        public void prepare(boolean fed) {
            String path = desktop(fed).spacePath();
            if (live) {
                int created = given().auth().oauth2(admin).post(path).then().extract().statusCode();
                assertThat(created).as("administrator creates a share space on " + path).isIn(200, 409);
                ExtractableResponse<Response> space = given().auth().oauth2(admin).get(path).then().statusCode(200)
                        .extract();
                secrets = List.of(space.path("invitation_code"), space.path("share_space_passwd"),
                        desktop(fed).userMarker());
            } else {
                int cancelled = given().auth().oauth2(admin).delete(path).then().extract().statusCode();
                assertThat(cancelled).as("administrator cancels the share space on " + path).isIn(204, 404);
                secrets = List.of(desktop(fed).userMarker());
            }
        }

        @Override
        public List<String> secrets(boolean fed) {
            return secrets;
        }
    }

    Map<CallerKind, String> callers() {
        return AuthorizationMatrix.Callers.of(TestInfrastructure.get())
                .ownGroup(AssistFixtures.FINANCE).otherGroup(AssistFixtures.ENGINEERING)
                .ancestorExpanded(AssistFixtures.ROOT, AssistFixtures.FINANCE, AssistFixtures.ENGINEERING,
                        AssistFixtures.CONTRACTORS)
                .privileges(LOCAL_PRIVILEGES).federatedPrivileges(FEDERATED_PRIVILEGES)
                .mint();
    }

    @Test
    void theTableCoversExactlyTheOperationsOfTheOpenApiDocument() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = AuthorizationMatrix.documentedOperations(AuthorizationMatrix.openApi(base));
        assertThat(documented).as("operations of /q/openapi").hasSizeGreaterThanOrEqualTo(5);
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

    /** Negative controls: an endpoint without a row is reported, and so is a live cell expected wrongly. */
    @Test
    void anUncoveredEndpointAndAWrongCellAreReported() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = new TreeMap<>(AuthorizationMatrix.documentedOperations(
                AuthorizationMatrix.openApi(base)));
        documented.put("PUT /v2/{project_id}/desktops/{desktop_id}/remote-assistance", true);
        assertThat(AuthorizationMatrix.coverageProblems(documented, table)).containsExactly(
                "PUT /v2/{project_id}/desktops/{desktop_id}/remote-assistance is in the OpenAPI document but has no "
                        + "row in " + TABLE);

        // Another group's helpdesk reading the space is expected to succeed: the service refuses, and is reported.
        Table wrong = AuthorizationMatrix.parseTable("wrong", String.join("\n",
                "operation,access,no_token,expired,foreign_key,other_issuer,other_audience,no_privilege,other_group,"
                        + "own_group,ancestor_group,federated_on_local,federated",
                "GET /v2/{project_id}/desktops/{desktop_id}/remote-assistance,jwt,401,401,401,401,401,403,200+,200+,"
                        + "200+,403,200+"));
        assertThat(AuthorizationMatrix.run(base, wrong, operations(), callers()).mismatches()).singleElement()
                .asString().startsWith("GET /v2/{project_id}/desktops/{desktop_id}/remote-assistance as other_group: "
                        + "expected 200+, got 403");
    }
}
