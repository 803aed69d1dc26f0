package io.sessionplane.session;

import static org.hamcrest.Matchers.equalTo;
import static io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind.FEDERATED;
import static io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind.FEDERATED_ON_LOCAL;
import static io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind.NO_PRIVILEGE;
import static io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind.OWN_GROUP;
import static io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind.ANCESTOR_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.localstack.testing.AuthorizationMatrix;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Answer;
import io.sessionplane.localstack.testing.AuthorizationMatrix.CallerKind;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Expectation;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Operation;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Probe;
import io.sessionplane.localstack.testing.AuthorizationMatrix.Table;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * The authorization matrix of session-service, generated from its own OpenAPI document: every operation × every
 * caller kind, expected answers in {@code authorization-matrix.csv}. A new endpoint without a row, or a row without
 * an endpoint, fails here.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class AuthorizationMatrixTest {
    static final String TABLE = "authorization-matrix.csv";
    static final Set<String> LOCAL_PRIVILEGES = Set.of("MACHINE_VIEW", "POOL_VIEW", "MACHINE_MANAGE_VDI_SESSION",
            "POOL_MANAGEMENT", "MACHINE_REBOOT", "MACHINE_MANAGEMENT", "REMOTE_ASSISTANCE", "GLOBAL_CONFIG_VIEW");
    static final Set<String> FEDERATED_PRIVILEGES = Set.of("FEDERATED_SESSIONS_VIEW", "FEDERATED_SESSIONS_MANAGE");

    /** One target per side: this pod's Finance session and another pod's session, each with a command on it. */
    record Target(SessionFixture session, String pod, String sid, String userMarker, String commandId, String jobId,
            String previewJobId) {
    }

    static final String requester = "requester-" + UUID.randomUUID().toString().substring(0, 8);
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
        Target finance = target(DemoAccessGroups.FINANCE, false);
        Target otherPod = target(DemoAccessGroups.ENGINEERING, true);
        SessionFixture.publishAndAwait(finance.session(), otherPod.session());
        federated = withCommand(otherPod);
        // The live feed answers 503 until its tailing consumer has caught up.
        await().atMost(Duration.ofSeconds(60)).until(() -> AuthorizationMatrix.send(base,
                Probe.stream("/rest/inventory/v1/session-events"), Api.token("admin")).status() == 200);
        local = withCommand(finance);
    }

    private static Target target(String group, boolean otherPod) {
        String marker = (otherPod ? "fed-" : "fin-") + UUID.randomUUID().toString().substring(0, 12);
        String sid = "S-1-5-21-77-" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        SessionFixture session = SessionFixture.session().group(group).user(sid, "MATRIX\\" + marker);
        if (otherPod) {
            session.federated();
        }
        return new Target(session, otherPod ? DemoAccessGroups.REMOTE_POD : DemoAccessGroups.LOCAL_POD, sid, marker,
                null, null, null);
    }

    private static String requesterToken() {
        return TestInfrastructure.get().tokens().user("LOCAL", requester)
                .accessGroupPrivileges(Map.of(DemoAccessGroups.FINANCE, Set.of("MACHINE_MANAGE_VDI_SESSION")))
                .federatedPrivileges(FEDERATED_PRIVILEGES).mint();
    }

    /** A disconnect requested by an operator of its own name, so that its status names them (and a job of theirs). */
    private static Target withCommand(Target target) {
        String token = requesterToken();
        String commandId = Api.withToken(token).body(List.of(target.session().id()))
                .post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(200)
                .extract().path("[0].command_id");
        assertThat(commandId).as("the requester's disconnect was accepted").isNotNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/session-commands/{id}", commandId).then().statusCode(200));
        String preview = Api.withToken(token).body(jobOn(target, true)).post("/rest/inventory/v1/session-jobs")
                .then().statusCode(202).extract().path("id");
        // A preview resolves its targets at once, so its sessions page lists the target (a scheduled job's is
        // empty until its first step).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/session-jobs/{id}", preview).then().body("state", equalTo("PREVIEWED")));
        return new Target(target.session(), target.pod(), target.sid(), target.userMarker(), commandId,
                scheduledJob(token, target), preview);
    }

    /** A disconnect job of the requester's on the target session, scheduled for tomorrow (so it stays SCHEDULED). */
    private static String scheduledJob(String token, Target target) {
        return Api.withToken(token).body(jobOn(target, false)).post("/rest/inventory/v1/session-jobs").then()
                .statusCode(202).extract().path("id");
    }

    private static String jobOn(Target target, boolean previewOnly) {
        boolean otherPod = target.pod().equals(DemoAccessGroups.REMOTE_POD);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("action", "disconnect");
        job.put("target", otherPod ? Map.of("global", List.of(Map.of("pod_id", target.pod(), "ids",
                List.of(target.session().id())))) : Map.of("session_ids", List.of(target.session().id())));
        if (previewOnly) {
            job.put("preview_only", true);
        } else {
            job.put("run_at", java.time.Instant.now().plus(Duration.ofDays(1)).toString());
        }
        return JsonCodec.write(job);
    }

    Target target(boolean otherPod) {
        return otherPod ? federated : local;
    }

    /** Every operation of the table, and how a cell reaches its target. */
    Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("GET /asyncapi.yaml", plain(fed -> Probe.get("/asyncapi.yaml")));
        operations.put("GET /schemas/{file}", plain(fed -> Probe.get("/schemas/session-event.v1.json")));
        operations.put("POST /rest/login", plain(fed -> Probe.post("/rest/login",
                JsonCodec.write(Map.of("domain", "LOCAL", "username", "admin", "password", "admin")))));
        operations.put("POST /rest/refresh", withFreshRefreshToken("/rest/refresh"));
        operations.put("POST /rest/logout", withFreshRefreshToken("/rest/logout"));
        operations.put("GET /rest/inventory/v1/sessions", viewing(fed -> Probe.get("/rest/inventory/v1/sessions?filter="
                + byId(target(fed).session().id())), fed -> List.of(target(fed).sid())));
        operations.put("GET /rest/inventory/v2/sessions", viewing(fed -> Probe.get("/rest/inventory/v2/sessions?filter="
                + byId(target(fed).session().id())), fed -> List.of(target(fed).sid())));
        operations.put("GET /rest/inventory/v1/sessions/{id}", viewing(fed -> Probe.get("/rest/inventory/v1/sessions/"
                + target(fed).session().id()), fed -> List.of(target(fed).sid())));
        operations.put("GET /rest/inventory/v1/sessions/{id}/local-summary", viewing(fed -> Probe.get(
                "/rest/inventory/v1/sessions/" + target(fed).session().id() + "/local-summary"),
                fed -> List.of(target(fed).sid(), target(fed).userMarker())));
        operations.put("GET /rest/inventory/v1/global-sessions", viewing(fed -> Probe.get(
                "/rest/inventory/v1/global-sessions?user_id=" + target(fed).sid()),
                fed -> List.of(target(fed).session().id())));
        operations.put("POST /rest/inventory/v1/sessions/action/{action}", bulk(fed -> Probe.post(
                "/rest/inventory/v1/sessions/action/disconnect", JsonCodec.write(List.of(target(fed).session().id()))),
                answer -> answer.json().path(0).path("status_code").asInt()));
        operations.put("POST /rest/inventory/v1/global-sessions/action/{action}", bulk(fed -> Probe.post(
                "/rest/inventory/v1/global-sessions/action/disconnect", JsonCodec.write(List.of(Map.of(
                        "pod_id", target(fed).pod(), "ids", List.of(target(fed).session().id()))))),
                answer -> answer.json().path(0).path("details").path(0).path("status_code").asInt()));
        operations.put("GET /rest/inventory/v1/session-commands/{command_id}", viewing(fed -> Probe.get(
                "/rest/inventory/v1/session-commands/" + target(fed).commandId()),
                fed -> List.of(requester, target(fed).session().id())));
        operations.put("GET /rest/inventory/v1/session-events", new Operation() {
            @Override
            public Probe probe(boolean fed) {
                return Probe.stream("/rest/inventory/v1/session-events");
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of();
            }

            @Override
            public List<String> check(CallerKind kind, Answer answer) {
                String type = answer.header("Content-Type");
                return type != null && type.startsWith("text/event-stream") ? List.of()
                        : List.of("a stream answered with Content-Type " + type);
            }
        });
        operations.put("GET /rest/monitor/v1/sessions/metrics", new Operation() {
            @Override
            public Probe probe(boolean fed) {
                return Probe.get("/rest/monitor/v1/sessions/metrics");
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of();
            }

            /** Counted over what the caller may view: nothing without a view privilege, the Finance session with one. */
            @Override
            public List<String> check(CallerKind kind, Answer answer) {
                long sessions = answer.json().path("num_sessions").asLong(-1);
                if ((kind == NO_PRIVILEGE || kind == FEDERATED_ON_LOCAL || kind == FEDERATED) && sessions != 0) {
                    return List.of("counted " + sessions + " sessions without a local view privilege");
                }
                if ((kind == OWN_GROUP || kind == ANCESTOR_GROUP) && sessions < 1) {
                    return List.of("did not count the Finance session: " + answer.body());
                }
                return List.of();
            }
        });
        operations.put("POST /rest/inventory/v1/session-jobs", plain(fed -> Probe.post(
                "/rest/inventory/v1/session-jobs", jobOn(target(fed), true))));
        operations.put("GET /rest/inventory/v1/session-jobs", viewing(fed -> Probe.get("/rest/inventory/v1/session-jobs"
                + "?filter=" + byId(target(fed).jobId())), fed -> List.of(target(fed).jobId(), requester)));
        operations.put("GET /rest/inventory/v1/session-jobs/{id}", viewing(fed -> Probe.get(
                "/rest/inventory/v1/session-jobs/" + target(fed).jobId()), fed -> List.of(target(fed).jobId(),
                requester)));
        operations.put("GET /rest/inventory/v1/session-jobs/{id}/sessions", viewing(fed -> Probe.get(
                "/rest/inventory/v1/session-jobs/" + target(fed).previewJobId() + "/sessions"),
                fed -> List.of(target(fed).session().id())));
        operations.put("DELETE /rest/inventory/v1/session-jobs/{id}", new Operation() {
            String job;

            /** Each cell cancels a fresh job of the requester's: a cancelled job cannot be cancelled again. */
            @Override
            public void prepare(boolean fed) {
                job = scheduledJob(requesterToken(), target(fed));
            }

            @Override
            public Probe probe(boolean fed) {
                return Probe.delete("/rest/inventory/v1/session-jobs/" + job);
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of(job, requester);
            }
        });
        return operations;
    }

    private static Operation plain(Function<Boolean, Probe> probe) {
        return viewing(probe, fed -> List.of());
    }

    private static Operation viewing(Function<Boolean, Probe> probe, Function<Boolean, List<String>> secrets) {
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

    private Operation bulk(Function<Boolean, Probe> probe, Function<Answer, Integer> item) {
        return new Operation() {
            @Override
            public Probe probe(boolean fed) {
                return probe.apply(fed);
            }

            @Override
            public Integer itemStatus(Answer answer) {
                return item.apply(answer);
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of(target(fed).sid(), target(fed).userMarker());
            }
        };
    }

    /** Each cell presents a refresh token of its own, fresh from a login: refresh tokens are used up. */
    private static Operation withFreshRefreshToken(String path) {
        return new Operation() {
            String refreshToken;

            @Override
            public void prepare(boolean fed) {
                refreshToken = RestAssured.given().contentType("application/json")
                        .body(Map.of("domain", "LOCAL", "username", "admin", "password", "admin"))
                        .post("/rest/login").then().statusCode(200).extract().path("refresh_token");
            }

            @Override
            public Probe probe(boolean fed) {
                return Probe.post(path, JsonCodec.write(Map.of("refresh_token", refreshToken)));
            }

            @Override
            public List<String> secrets(boolean fed) {
                return List.of();
            }
        };
    }

    private static String byId(String id) {
        return URLEncoder.encode("{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + id + "\"}",
                StandardCharsets.UTF_8);
    }

    Map<CallerKind, String> callers() {
        return AuthorizationMatrix.Callers.of(TestInfrastructure.get())
                .ownGroup(DemoAccessGroups.FINANCE).otherGroup(DemoAccessGroups.ENGINEERING)
                .ancestorExpanded(DemoAccessGroups.ROOT, DemoAccessGroups.FINANCE, DemoAccessGroups.ENGINEERING,
                        DemoAccessGroups.CONTRACTORS)
                .privileges(LOCAL_PRIVILEGES).federatedPrivileges(FEDERATED_PRIVILEGES)
                // The issuer's own expansion: admin holds Administrators on Root only, the token names Finance too.
                .override(CallerKind.ANCESTOR_GROUP, Api.token("admin"))
                .mint();
    }

    @Test
    void theTableCoversExactlyTheOperationsOfTheOpenApiDocument() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = AuthorizationMatrix.documentedOperations(AuthorizationMatrix.openApi(base));
        assertThat(documented).as("operations of /q/openapi").hasSizeGreaterThanOrEqualTo(15);
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

    /** Negative controls: the checks above can fail. */
    @Test
    void theChecksFailOnAnUncoveredEndpointAWeakenedRowAndALeakingRefusal() {
        Table table = AuthorizationMatrix.readTable(TABLE);
        Map<String, Boolean> documented = new TreeMap<>(AuthorizationMatrix.documentedOperations(
                AuthorizationMatrix.openApi(base)));
        documented.put("DELETE /rest/inventory/v1/sessions/{id}", true);
        documented.remove("GET /rest/monitor/v1/sessions/metrics");
        documented.put("POST /rest/login", true);
        assertThat(AuthorizationMatrix.coverageProblems(documented, table)).containsExactlyInAnyOrder(
                "DELETE /rest/inventory/v1/sessions/{id} is in the OpenAPI document but has no row in " + TABLE,
                "GET /rest/monitor/v1/sessions/metrics has a row in " + TABLE + " but is not in the OpenAPI document",
                "POST /rest/login is secured (jwt) in the OpenAPI document but public in " + TABLE);

        Table weakened = AuthorizationMatrix.parseTable("weakened", String.join("\n",
                "operation,access,no_token,expired,foreign_key,other_issuer,other_audience,no_privilege,other_group,"
                        + "own_group,ancestor_group,federated_on_local,federated",
                "GET /a,jwt,200,401,401,401,401,403,403,200,200,403,200",
                "GET /b,public,401,200,200,200,200,200,200,200,200,200,200"));
        assertThat(AuthorizationMatrix.tableProblems(weakened)).containsExactlyInAnyOrder(
                "GET /a is protected but no_token expects 200, not 401",
                "GET /b is public but no_token expects 401");

        Map<String, Operation> wired = new LinkedHashMap<>(operations());
        wired.remove("GET /asyncapi.yaml");
        assertThat(AuthorizationMatrix.wiringProblems(table, wired.keySet())).containsExactly(
                "GET /asyncapi.yaml has a row but the test has no request (target) for it");

        Answer leaking = new Answer(403, Map.of(), "{\"error_message\":\"session of " + local.userMarker() + "\"}");
        assertThat(AuthorizationMatrix.judge("GET /x", CallerKind.OTHER_GROUP, Expectation.parse("403"), leaking, null,
                List.of(local.userMarker()))).singleElement().asString().contains("the refusal shows the target's");
        Answer shown = new Answer(200, Map.of(), "[{\"user_id\":\"" + local.sid() + "\"}]");
        assertThat(AuthorizationMatrix.judge("GET /x", CallerKind.OTHER_GROUP, Expectation.parse("200-"), shown, null,
                List.of(local.sid()))).hasSize(1);
        assertThat(AuthorizationMatrix.judge("GET /x", CallerKind.OWN_GROUP, Expectation.parse("200+"),
                new Answer(200, Map.of(), "[]"), null, List.of(local.sid()))).hasSize(1);
        assertThat(AuthorizationMatrix.judge("POST /x", CallerKind.OWN_GROUP, Expectation.parse("200/200"),
                new Answer(200, Map.of(), "[]"), 403, List.of())).hasSize(1);

        // A live cell against the real service, expected wrongly on purpose, is reported.
        Table wrong = AuthorizationMatrix.parseTable("wrong", String.join("\n",
                "operation,access,no_token,expired,foreign_key,other_issuer,other_audience,no_privilege,other_group,"
                        + "own_group,ancestor_group,federated_on_local,federated",
                "GET /rest/inventory/v1/sessions/{id},jwt,401,401,401,401,401,403,200+,200+,200+,403,200+"));
        List<String> mismatches = new ArrayList<>(AuthorizationMatrix.run(base, wrong, operations(), callers())
                .mismatches());
        assertThat(mismatches).singleElement().asString()
                .startsWith("GET /rest/inventory/v1/sessions/{id} as other_group: expected 200+, got 403");
    }
}
