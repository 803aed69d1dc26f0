package io.sessionplane.session.job;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.auth.OperatorDirectory;
import io.sessionplane.session.auth.TokenIssuer;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Session jobs against the real broker and database: a preview decides what the job then does, a filter job reaches
 * every session past one page, warn-then-act with sessions that start, end or miss a warning on the way, cancelling
 * mid-run, privileges, validation, listing. (Restarts and two replicas: system-tests ReplicasIT.)
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionJobTest {
    private static final String JOBS = "/rest/inventory/v1/session-jobs";

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    Pool pool;

    @Inject
    OperatorDirectory operators;

    @Inject
    TokenIssuer tokens;

    /** A preview-only job decides, session by session, what the same job then does; it sends nothing. */
    @Test
    void aPreviewDecidesWhatTheJobThenDoes() {
        SessionFixture connected = session();
        SessionFixture another = session();
        SessionFixture disconnected = session().state(SessionState.DISCONNECTED);
        SessionFixture engineering = session().group(DemoAccessGroups.ENGINEERING);
        SessionFixture.publishAndAwait(connected, another, disconnected, engineering);
        List<String> ids = List.of(connected.id(), another.id(), disconnected.id(), engineering.id(), "no-such-session");
        Map<String, Object> target = Map.of("session_ids", ids);

        String preview = create("helpdesk", Map.of("action", "disconnect", "target", target, "preview_only", true));
        JsonPath previewed = awaitJob("helpdesk", preview, job -> job.getString("state").equals("PREVIEWED"));
        assertThat(previewed.getLong("counts.would_act")).isEqualTo(2);
        assertThat(previewed.getLong("counts.refused")).isEqualTo(3);
        assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> r.value() != null && r.value().contains(preview)))
                .as("a preview sends nothing").isEmpty();

        String real = create("helpdesk", Map.of("action", "disconnect", "target", target));
        awaitJob("helpdesk", real, job -> job.getLong("counts.accepted") == 2 && job.getString("state")
                .equals("RUNNING"));
        Map<String, List<Object>> decided = decisions("helpdesk", preview);
        Map<String, List<Object>> done = decisions("helpdesk", real);
        assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            // Same status code and error per session; WOULD_ACT became ACCEPTED.
            assertThat(done.get(id).subList(1, 3)).as(id).isEqualTo(decided.get(id).subList(1, 3));
            assertThat(done.get(id).get(0)).as(id).isEqualTo(decided.get(id).get(0).equals("WOULD_ACT") ? "ACCEPTED"
                    : decided.get(id).get(0));
        }
        assertThat(done.get(disconnected.id()).get(2)).isEqualTo(ErrorKeys.SESSION_ALREADY_DISCONNECTED);
        assertThat(done.get(engineering.id())).as("a session the creator may not act on: as a direct call")
                .containsExactly("REFUSED", 403, ErrorKeys.FORBIDDEN);
        assertThat(done.get("no-such-session")).containsExactly("REFUSED", 404, ErrorKeys.SESSION_NOT_FOUND);
        List<SessionCommand> sent = commandsOf(real, 2);
        assertThat(sent).extracting(SessionCommand::sessionId).containsExactlyInAnyOrder(connected.id(),
                another.id());
        assertThat(sent).allSatisfy(command -> {
            assertThat(command.jobId()).isEqualTo(real);
            assertThat(command.requestedBy()).isEqualTo("LOCAL\\helpdesk");
        });
        // The job's commands tell their job on the public stream too.
        List<SessionEvent> requested = kafka.await(Topics.SESSION_EVENTS, r -> r.value() != null
                        && r.value().contains(real), 2, Duration.ofSeconds(30)).stream()
                .map(r -> JsonCodec.read(r.value(), SessionEvent.class)).toList();
        assertThat(requested).extracting(SessionEvent::jobId).containsOnly(real);
    }

    /**
     * A global job's entries are checked against the pod they are listed under, as a direct global call checks
     * them: a session listed under a pod that is not its own is refused (404), not acted on in its real pod.
     */
    @Test
    void aGlobalJobActsOnlyOnSessionsOfThePodTheyAreListedUnder() {
        SessionFixture local = session();
        SessionFixture misplaced = session();
        SessionFixture twice = session();
        SessionFixture.publishAndAwait(local, misplaced, twice);
        // twice: listed under another pod first, then under its own; acted on once, as a direct call would.
        Map<String, Object> target = Map.of("global", List.of(
                Map.of("pod_id", DemoAccessGroups.LOCAL_POD, "ids", List.of(local.id())),
                Map.of("pod_id", "pod-nowhere", "ids", List.of(misplaced.id(), twice.id())),
                Map.of("pod_id", DemoAccessGroups.REMOTE_POD, "ids", List.of(misplaced.id() + "-x")),
                Map.of("pod_id", DemoAccessGroups.LOCAL_POD, "ids", List.of(twice.id()))));

        String preview = create("admin", Map.of("action", "disconnect", "target", target, "preview_only", true));
        awaitJob("admin", preview, job -> job.getString("state").equals("PREVIEWED"));
        assertThat(decisions("admin", preview).get(misplaced.id())).as("the preview decides it as the job will")
                .containsExactly("REFUSED", 404, ErrorKeys.SESSION_NOT_FOUND);

        String job = create("admin", Map.of("action", "disconnect", "target", target));
        awaitJob("admin", job, j -> j.getLong("counts.accepted") == 2 && j.getLong("counts.refused") == 2);
        Map<String, List<Object>> done = decisions("admin", job);
        assertThat(done.get(local.id())).containsExactly("ACCEPTED", 200, null);
        assertThat(done.get(twice.id())).containsExactly("ACCEPTED", 200, null);
        assertThat(done.get(misplaced.id())).containsExactly("REFUSED", 404, ErrorKeys.SESSION_NOT_FOUND);
        assertThat(commandsOf(job, 2)).extracting(SessionCommand::sessionId).containsExactlyInAnyOrder(local.id(),
                twice.id());
    }

    /**
     * A job may list far more sessions than one action request (whose body limit is 320 KB): its path takes 8 MB;
     * beyond that the answer is 413 in the Horizon body, before the body is read.
     */
    @Test
    void aJobListsMoreSessionsThanAnActionRequestTakes() {
        // 20,000 ids (780 KB; the actions take 320 KB). On a busy machine the preview can outlast its 5 s test lease:
        // it must then go on under the next claim and decide every session, not end PREVIEWED with a part decided.
        List<String> many = java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        String job = create("admin", Map.of("action", "disconnect", "target", Map.of("session_ids", many),
                "preview_only", true));
        JsonPath previewed = awaitJob("admin", job, j -> j.getString("state").equals("PREVIEWED"));
        assertThat(previewed.getLong("counts.refused")).as("unknown sessions, as a direct call").isEqualTo(20_000);
        Api.as("admin").body(many).post("/rest/inventory/v1/sessions/action/disconnect").then().statusCode(413)
                .body("error_key", equalTo(ErrorKeys.PAYLOAD_TOO_LARGE));
        String huge = "{\"action\":\"disconnect\",\"target\":{\"session_ids\":[\"" + "x".repeat(9_000_000)
                + "\"]}}";
        Api.as("admin").body(huge).post(JOBS).then().statusCode(413)
                .body("error_key", equalTo(ErrorKeys.PAYLOAD_TOO_LARGE))
                .body("error_message", equalTo("the request body is " + huge.length()
                        + " bytes; this path takes at most 8388608"));
    }

    /**
     * With an Idempotency-Key, a retried creation (its answer lost, or a 503 while the insert still committed) finds
     * the job it created instead of creating a second one; the same key with another job is 422.
     */
    @Test
    void theSameIdempotencyKeyFindsTheJobItCreated() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        Map<String, Object> body = previewOfDisconnecting(target);
        String key = "retry-" + UUID.randomUUID();
        io.restassured.response.ExtractableResponse<?> first = Api.as("helpdesk").header("Idempotency-Key", key)
                .body(JsonCodec.write(body)).post(JOBS).then().statusCode(202).extract();
        String id = first.path("id");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        io.restassured.response.ExtractableResponse<?> again = Api.as("helpdesk").header("Idempotency-Key", key)
                .body(JsonCodec.write(body)).post(JOBS).then().statusCode(202).extract();
        assertThat((String) again.path("id")).isEqualTo(id);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(JOBS + "/" + id);
        Api.as("helpdesk").header("Idempotency-Key", key).body(JsonCodec.write(Map.of("action", "reset", "target",
                Map.of("session_ids", List.of(target.id()))))).post(JOBS).then().statusCode(422)
                .body("error_key", equalTo(ErrorKeys.IDEMPOTENCY_KEY_REUSED));
        Api.as("helpdesk").header("Idempotency-Key", "k".repeat(256)).body(JsonCodec.write(body)).post(JOBS).then()
                .statusCode(400);
        // Another operator's same key is their own.
        String others = Api.as("admin").header("Idempotency-Key", key).body(JsonCodec.write(body)).post(JOBS).then()
                .statusCode(202).extract().path("id");
        assertThat(others).isNotEqualTo(id);
        String byCreator = "{\"type\":\"Equals\",\"name\":\"created_by\",\"value\":\"LOCAL\\\\helpdesk\"}";
        assertThat(Api.as("helpdesk").queryParam("filter", byCreator).queryParam("size", 1000).get(JOBS).then()
                .statusCode(200).extract().jsonPath().getList("id", String.class)).containsOnlyOnce(id);
        assertThat(jobEvents(id, 1)).extracting(JobEvent::eventType).first().isEqualTo(EventType.SESSION_JOB_CREATED);
    }

    /** Concurrent first requests with one key (a client retrying before its first answer came) make one job. */
    @Test
    void concurrentRequestsWithOneKeyMakeOneJob() throws Exception {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        String body = JsonCodec.write(previewOfDisconnecting(target));
        String key = "race-" + UUID.randomUUID();
        String token = Api.token("helpdesk");
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<io.restassured.response.ExtractableResponse<?>>> answers =
                    new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return Api.withToken(token).header("Idempotency-Key", key).body(body).post(JOBS).then()
                            .extract();
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (var answer : answers) {
                var response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
                ids.add(response.path("id"));
                created += response.header("Idempotent-Replayed") == null ? 1 : 0;
            }
            assertThat(ids).as("one job").containsOnly(ids.get(0));
            assertThat(created).as("created by exactly one of the requests").isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * A job outlives its creator's token but not their account: an operator of session-service's own accounts who is
     * removed before the job's step has no privileges at it (every session refused), while an operator of another
     * identity provider (no account here) acts with what their token carried.
     */
    @Test
    void aRemovedOperatorsJobActsOnNothing() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        Map<String, Object> preview = previewOfDisconnecting(target);

        // Created by the helpdesk account, which is then removed (its stored name no longer names an account)
        // before the job's step.
        String removed = create("helpdesk", Map.of("action", "disconnect", "target", Map.of("session_ids",
                List.of(target.id())), "preview_only", true, "run_at", Instant.now().plusSeconds(4).toString()));
        pool.preparedQuery("UPDATE session_job SET creator = jsonb_set(creator, '{username}', '\"removed-operator\"')"
                + " WHERE id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(removed)))
                .await().atMost(Duration.ofSeconds(10));
        awaitJob("admin", removed, job -> job.getString("state").equals("PREVIEWED"));
        assertThat(decisions("admin", removed).get(target.id())).containsExactly("REFUSED", 403, ErrorKeys.FORBIDDEN);

        OperatorDirectory.Grants admins = operators.grants("admin");
        String external = Api.withToken(tokens.accessToken("CORP", "sso-operator", admins).token())
                .body(JsonCodec.write(preview)).post(JOBS).then().statusCode(202).extract().path("id");
        awaitJob("admin", external, job -> job.getString("state").equals("PREVIEWED"));
        assertThat(decisions("admin", external).get(target.id())).containsExactly("WOULD_ACT", 200, null);
    }

    /** A job on a filter finds every matching session, not the first page of them, and completes on their outcomes. */
    @Test
    void aFilterJobReachesEverySessionBeyondOnePage() {
        String marker = "JOBS" + UUID.randomUUID().toString().substring(0, 8);
        List<SessionFixture> fleet = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            fleet.add(session().user("S-1-5-21-9-" + i, marker + "\\user" + i));
        }
        fleet.forEach(fixture -> fixture.publish(kafka));
        String filter = "{\"type\":\"StartsWith\",\"name\":\"user_name\",\"value\":\"" + marker + "\"}";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.as("admin")
                .queryParam("filter", filter).get("/rest/inventory/v1/sessions?size=1000&page=2").then().statusCode(200)
                .body("$", hasSize(200)));

        String job = create("admin", Map.of("action", "logoff", "forced", true, "target",
                Map.of("filter", JsonCodec.read(filter, Object.class))));
        JsonPath acted = awaitJob("admin", job, j -> j.getLong("counts.accepted") == 1_200
                && j.getString("state").equals("RUNNING"));
        assertThat(acted.getLong("counts.targeted")).isEqualTo(1_200);
        List<SessionCommand> sent = commandsOf(job, 1_200);
        assertThat(sent).extracting(SessionCommand::sessionId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fleet.stream().map(SessionFixture::id).toList());
        assertThat(sent).allSatisfy(command -> assertThat(command.forced()).isTrue());

        // Paged like every list: 1,000 and more, then the last 200.
        Api.as("admin").get(JOBS + "/{id}/sessions?size=1000", job).then().statusCode(200).body("$", hasSize(1000))
                .header("HAS_MORE_RECORDS", "TRUE");
        Api.as("admin").get(JOBS + "/{id}/sessions?size=1000&page=2", job).then().statusCode(200)
                .body("$", hasSize(200)).header("HAS_MORE_RECORDS", nullValue());

        // Outcomes arrive (ten of them failures): the job completes and counts them.
        List<SessionCommand> failing = sent.subList(0, 10);
        sent.forEach(command -> answer(command, failing.contains(command) ? CommandStatus.FAILED
                : CommandStatus.SUCCEEDED));
        JsonPath completed = awaitJob("admin", job, j -> j.getString("state").equals("COMPLETED"));
        assertThat(completed.getLong("counts.succeeded")).isEqualTo(1_190);
        assertThat(completed.getLong("counts.failed")).isEqualTo(10);
        // A list page reads every job's counts at once: the same figures.
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + job + "\"}")
                .get(JOBS).then().statusCode(200).body("$", hasSize(1)).body("[0].counts.targeted", equalTo(1_200))
                .body("[0].counts.succeeded", equalTo(1_190)).body("[0].counts.failed", equalTo(10));
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"command_status\",\"value\":"
                + "\"FAILED\"}").get(JOBS + "/{id}/sessions", job).then().statusCode(200).body("$", hasSize(10));
        assertThat(jobEvents(job, 3)).extracting(JobEvent::eventType).containsExactly(EventType.SESSION_JOB_CREATED,
                EventType.SESSION_JOB_ACTED, EventType.SESSION_JOB_COMPLETED);
    }

    /**
     * Log off at run_at with two warnings before. Along the way one session ends by itself, one's first warning is
     * not delivered (the job skips it by its policy), one starts after the first warning (it is included: it gets the
     * second) and one after the last (skipped, never warned). A second job that does not include later sessions
     * leaves the late starter alone.
     */
    @Test
    void warnThenActHandlesSessionsThatStartEndOrMissAWarning() {
        String marker = "WARN" + UUID.randomUUID().toString().substring(0, 8);
        String other = "ONLY" + UUID.randomUUID().toString().substring(0, 8);
        SessionFixture stays = session().user("S-1-5-21-8-1", marker + "\\stays");
        SessionFixture leaves = session().user("S-1-5-21-8-2", marker + "\\leaves");
        SessionFixture unreachable = session().user("S-1-5-21-8-3", marker + "\\unreachable");
        SessionFixture warnedOnly = session().user("S-1-5-21-8-4", other + "\\first");
        SessionFixture.publishAndAwait(stays, leaves, unreachable, warnedOnly);

        Instant runAt = Instant.now().plusSeconds(30);
        String job = create("admin", warnThenAct(marker, runAt, true, "SKIP"));
        String exclusive = create("admin", warnThenAct(other, runAt, false, "ACT_ANYWAY"));
        awaitJob("admin", job, j -> j.getBoolean("warnings[0].sent"));
        awaitJob("admin", exclusive, j -> j.getBoolean("warnings[0].sent"));

        List<SessionCommand> firstWarnings = commandsOf(job, 3);
        assertThat(firstWarnings).allSatisfy(command -> {
            assertThat(command.action()).isEqualTo(SessionAction.SEND_MESSAGE);
            assertThat(command.message()).isEqualTo("Logging off in 20 seconds");
        });
        answer(firstWarnings.stream().filter(c -> c.sessionId().equals(unreachable.id())).findFirst().orElseThrow(),
                CommandStatus.FAILED);
        kafka.send(Topics.SESSION_INVENTORY, leaves.id(), null, Map.of());
        SessionFixture lateStarter = session().user("S-1-5-21-8-5", marker + "\\late");
        SessionFixture notIncluded = session().user("S-1-5-21-8-6", other + "\\late");
        SessionFixture.publishAndAwait(lateStarter, notIncluded);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/sessions/{id}", leaves.id()).then().statusCode(404));

        awaitJob("admin", job, j -> j.getBoolean("warnings[1].sent"));
        SessionFixture tooLate = session().user("S-1-5-21-8-7", marker + "\\toolate");
        SessionFixture.publishAndAwait(tooLate);

        JsonPath acted = awaitJob("admin", job, j -> j.getString("state").equals("RUNNING"));
        Map<String, List<Object>> items = decisions("admin", job);
        assertThat(items.get(stays.id()).get(0)).isEqualTo("ACCEPTED");
        assertThat(items.get(lateStarter.id()).get(0)).isEqualTo("ACCEPTED");
        assertThat(items.get(leaves.id())).containsExactly("SKIPPED", 404, ErrorKeys.JOB_SESSION_ENDED);
        assertThat(items.get(unreachable.id()).subList(0, 1)).containsExactly("SKIPPED");
        assertThat(items.get(unreachable.id()).get(2)).isEqualTo(ErrorKeys.JOB_WARNING_UNDELIVERED);
        assertThat(items.get(tooLate.id()).get(2)).isEqualTo(ErrorKeys.JOB_SESSION_NOT_WARNED);
        assertThat(acted.getLong("counts.targeted")).isEqualTo(5);
        assertThat(acted.getLong("counts.accepted")).isEqualTo(2);
        assertThat(acted.getLong("counts.skipped")).isEqualTo(3);
        assertThat(acted.getLong("counts.warnings_undelivered")).isEqualTo(1);

        // Each user got each warning once, in order, then the action; the late starter got the second warning only.
        List<SessionCommand> sent = commandsOf(job, 3 + 3 + 2);
        Map<String, List<String>> perSession = sent.stream().sorted(java.util.Comparator.comparingLong(
                SessionCommand::requestedAt)).collect(Collectors.groupingBy(SessionCommand::sessionId,
                Collectors.mapping(c -> c.action() == SessionAction.SEND_MESSAGE ? c.message() : c.action().name(),
                        Collectors.toList())));
        assertThat(perSession.get(stays.id())).containsExactly("Logging off in 20 seconds",
                "Logging off in 8 seconds", "LOGOFF");
        assertThat(perSession.get(lateStarter.id())).containsExactly("Logging off in 8 seconds", "LOGOFF");
        assertThat(perSession.get(unreachable.id())).containsExactly("Logging off in 20 seconds",
                "Logging off in 8 seconds");
        assertThat(perSession.get(leaves.id())).containsExactly("Logging off in 20 seconds");
        assertThat(perSession).doesNotContainKey(tooLate.id());

        JsonPath exclusiveActed = awaitJob("admin", exclusive, j -> j.getString("state").equals("RUNNING"));
        assertThat(exclusiveActed.getLong("counts.targeted")).as("the sessions that were warned, only").isEqualTo(1);
        assertThat(commandsOf(exclusive, 3)).noneMatch(c -> c.sessionId().equals(notIncluded.id()));
        assertThat(jobEvents(job, 4)).extracting(JobEvent::eventType).containsExactly(EventType.SESSION_JOB_CREATED,
                EventType.SESSION_JOB_WARNED, EventType.SESSION_JOB_WARNED, EventType.SESSION_JOB_ACTED);
    }

    private static Map<String, Object> warnThenAct(String marker, Instant runAt, boolean includeLater, String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "logoff");
        body.put("target", Map.of("filter", Map.of("type", "StartsWith", "name", "user_name", "value", marker)));
        body.put("run_at", runAt.toString());
        body.put("warnings", List.of(
                Map.of("before", "PT20S", "message", "Logging off in 20 seconds", "message_type", "WARNING"),
                Map.of("before", "PT8S", "message", "Logging off in 8 seconds")));
        body.put("include_later_sessions", includeLater);
        body.put("undelivered_warnings", policy);
        return body;
    }

    /** Cancelling mid-run sends nothing more: what was not sent is CANCELLED, and the job cannot be cancelled twice. */
    @Test
    void cancellingMidRunSendsNothingMore() {
        String marker = "CNCL" + UUID.randomUUID().toString().substring(0, 8);
        fleetOf(marker, "S-1-5-21-7-", 40);
        String job = pacedMessageJob(marker, 4);
        awaitJob("admin", job, j -> j.getLong("counts.accepted") >= 4);
        JsonPath cancelled = Api.as("admin").delete(JOBS + "/{id}", job).then().statusCode(200)
                .body("state", equalTo("CANCELLED")).extract().jsonPath();
        assertThat(cancelled.getString("note")).contains("cancelled by LOCAL\\admin");
        Api.as("admin").delete(JOBS + "/{id}", job).then().statusCode(409)
                .body("error_key", equalTo(ErrorKeys.JOB_ENDED));

        // A batch already under way when the cancel committed is recorded; nothing after it is sent.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath now = Api.as("admin").get(JOBS + "/{id}", job).then().statusCode(200).extract().jsonPath();
            long accepted = now.getLong("counts.accepted");
            assertThat(accepted).isLessThan(40);
            assertThat(now.getLong("counts.cancelled")).isEqualTo(40 - accepted);
            assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> r.value() != null && r.value().contains(job)))
                    .hasSize((int) accepted);
        });
        assertThat(jobEvents(job, 2)).extracting(JobEvent::eventType, JobEvent::requestedBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventType.SESSION_JOB_CREATED, "LOCAL\\admin"),
                org.assertj.core.groups.Tuple.tuple(EventType.SESSION_JOB_CANCELLED, "LOCAL\\admin"));
    }

    /**
     * Creating needs the action's privilege somewhere; a job decides each session with its creator's privileges and
     * is seen by its creator and by operators who may take its action everywhere, else it does not exist (404).
     */
    @Test
    void privilegesDecideWhoCreatesSeesAndWhatAJobActsOn() {
        SessionFixture finance = session();
        SessionFixture engineering = session().group(DemoAccessGroups.ENGINEERING);
        SessionFixture.publishAndAwait(finance, engineering);
        Map<String, Object> target = Map.of("session_ids", List.of(finance.id(), engineering.id()));

        Api.as("viewer").body(JsonCodec.write(Map.of("action", "disconnect", "target", target))).post(JOBS).then()
                .statusCode(403).body("error_key", equalTo(ErrorKeys.FORBIDDEN));
        Api.as("rebooter").body(JsonCodec.write(Map.of("action", "logoff", "target", target))).post(JOBS).then()
                .statusCode(403);
        // The rebooter may restart in Finance: the Engineering session is refused at the step, as a direct call.
        String restart = create("rebooter", Map.of("action", "restart", "target", target));
        awaitJob("rebooter", restart, j -> j.getString("state").equals("RUNNING"));
        Map<String, List<Object>> items = decisions("rebooter", restart);
        assertThat(items.get(finance.id()).get(0)).isEqualTo("ACCEPTED");
        assertThat(items.get(engineering.id())).containsExactly("REFUSED", 403, ErrorKeys.FORBIDDEN);

        Api.as("helpdesk").get(JOBS + "/{id}", restart).then().statusCode(404)
                .body("error_key", equalTo(ErrorKeys.JOB_NOT_FOUND));
        Api.as("helpdesk").get(JOBS + "/{id}/sessions", restart).then().statusCode(404);
        Api.as("helpdesk").delete(JOBS + "/{id}", restart).then().statusCode(404);
        Api.as("admin").get(JOBS + "/{id}", restart).then().statusCode(200).body("created_by",
                equalTo("LOCAL\\rebooter"));
        String byId = "{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + restart + "\"}";
        Api.as("helpdesk").queryParam("filter", byId).get(JOBS).then().statusCode(200).body("$", hasSize(0));
        Api.as("admin").queryParam("filter", byId).get(JOBS).then().statusCode(200).body("$", hasSize(1));
        Api.as("rebooter").queryParam("filter", byId).get(JOBS).then().statusCode(200).body("[0].id", equalTo(restart))
                .body("[0].target.listed_sessions", equalTo(2));
    }

    /** Every bad job is a 400 with the documented body, and nothing is stored. */
    @Test
    void badJobsAreRefusedWithTheHorizonBodyAndNothingIsStored() {
        Map<String, Object> ids = Map.of("session_ids", List.of("s-1"));
        String soon = Instant.now().plusSeconds(600).toString();
        List<Object> bad = List.of(
                Map.of("target", ids),
                Map.of("action", "explode", "target", ids),
                Map.of("action", "disconnect"),
                Map.of("action", "disconnect", "target", Map.of()),
                Map.of("action", "disconnect", "target", Map.of("session_ids", List.of("a"), "filter",
                        Map.of("type", "Equals", "name", "id", "value", "a"))),
                Map.of("action", "disconnect", "target", Map.of("session_ids", List.of())),
                Map.of("action", "disconnect", "target", Map.of("filter", Map.of("type", "Equals", "name",
                        "no_such_field", "value", "a"))),
                Map.of("action", "disconnect", "forced", true, "target", ids),
                Map.of("action", "send-message", "target", ids),
                Map.of("action", "send-message", "message", "hi", "message_type", "LOUD", "target", ids),
                Map.of("action", "disconnect", "message", "hi", "target", ids),
                Map.of("action", "disconnect", "rate", 0, "target", ids),
                Map.of("action", "disconnect", "run_at", "tomorrow", "target", ids),
                Map.of("action", "disconnect", "run_at", Instant.now().plus(Duration.ofDays(40)).toString(),
                        "target", ids),
                Map.of("action", "disconnect", "run_at", soon, "target", ids, "warnings",
                        List.of(Map.of("before", "15 minutes", "message", "bye"))),
                Map.of("action", "disconnect", "run_at", soon, "target", ids, "warnings",
                        List.of(Map.of("before", "PT5M"))),
                Map.of("action", "disconnect", "run_at", soon, "target", ids, "warnings",
                        List.of(Map.of("before", "PT5M", "message", "a"), Map.of("before", "PT5M", "message", "b"))),
                // The first warning would have been due a minute ago.
                Map.of("action", "disconnect", "run_at", Instant.now().plusSeconds(60).toString(), "target", ids,
                        "warnings", List.of(Map.of("before", "PT2M", "message", "bye"))),
                Map.of("action", "disconnect", "preview_only", true, "run_at", soon, "target", ids, "warnings",
                        List.of(Map.of("before", "PT5M", "message", "bye"))),
                Map.of("action", "disconnect", "undelivered_warnings", "SHRUG", "target", ids));
        int before = Api.as("admin").get(JOBS + "?size=1000").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
        for (Object body : bad) {
            var response = Api.as("admin").body(JsonCodec.write(body)).post(JOBS).then().extract();
            assertThat(response.statusCode()).as("%s: %s", body, response.asString()).isEqualTo(400);
            JsonPath answer = response.jsonPath();
            assertThat(answer.getString("error_key")).as("%s", body).startsWith("common.");
            assertThat(answer.getString("error_message")).as("%s", body).isNotBlank();
        }
        Api.as("admin").body("{\"action\":").post(JOBS).then().statusCode(400)
                .body("error_key", equalTo(ErrorKeys.INVALID_JSON));
        // A misspelt field is refused, at any depth: ignored, "previewOnly" would have run the job for real.
        for (Map<String, Object> misspelt : List.<Map<String, Object>>of(
                Map.of("action", "disconnect", "target", ids, "previewOnly", true),
                Map.of("action", "disconnect", "target", Map.of("session_ids", List.of("s-1"), "sessionIds",
                        List.of("s-2"))),
                Map.of("action", "disconnect", "target", Map.of("global", List.of(Map.of("pod_id", "p", "ids",
                        List.of("s-1"), "podId", "q")))),
                Map.of("action", "disconnect", "run_at", soon, "target", ids, "warnings",
                        List.of(Map.of("before", "PT5M", "message", "bye", "messageType", "INFO"))))) {
            String unknown = misspelt.containsKey("previewOnly") ? "previewOnly" : misspelt.toString()
                    .contains("sessionIds") ? "sessionIds" : misspelt.toString().contains("podId") ? "podId"
                    : "messageType";
            Api.as("admin").body(JsonCodec.write(misspelt)).post(JOBS).then().statusCode(400)
                    .body("error_key", equalTo(ErrorKeys.INVALID_JSON))
                    .body("error_message", equalTo("unknown field \"" + unknown + "\""));
        }
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"colour\",\"value\":\"x\"}").get(JOBS)
                .then().statusCode(400).body("error_key", equalTo(ErrorKeys.INVALID_FILTER));
        Api.as("admin").get(JOBS + "?sort_by=message").then().statusCode(400);
        Api.as("admin").get(JOBS + "/{id}", "not-a-job").then().statusCode(404)
                .body("error_key", equalTo(ErrorKeys.JOB_NOT_FOUND));
        assertThat(Api.as("admin").get(JOBS + "?size=1000").then().statusCode(200).extract().jsonPath().getList("$"))
                .as("nothing stored").hasSize(before);
    }

    /** A scheduled job waits, is listed by state, and is cancelled before it sends anything. */
    @Test
    void aScheduledJobWaitsAndIsListedByState() {
        SessionFixture target = session();
        SessionFixture.publishAndAwait(target);
        String runAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String job = create("helpdesk", Map.of("action", "logoff", "target", Map.of("session_ids",
                List.of(target.id())), "run_at", runAt, "warnings", List.of(Map.of("before", "PT15M", "message",
                "Maintenance: you will be logged off in 15 minutes"), Map.of("before", "PT1H", "message",
                "Maintenance in an hour"))));
        ValidatableResponse read = Api.as("helpdesk").get(JOBS + "/{id}", job).then().statusCode(200)
                .body("state", equalTo("SCHEDULED")).body("run_at", equalTo(runAt))
                .body("warnings.before", equalTo(List.of("PT1H", "PT15M")))
                .body("warnings.sent", equalTo(List.of(false, false)));
        assertThat(read.extract().jsonPath().getString("next_step_at")).isEqualTo(Instant.parse(runAt)
                .minus(Duration.ofHours(1)).toString());
        String scheduled = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"state\",\"value\":"
                + "\"SCHEDULED\"},{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + job + "\"}]}";
        Api.as("helpdesk").queryParam("filter", scheduled).get(JOBS).then().statusCode(200).body("$", hasSize(1));
        Api.as("helpdesk").delete(JOBS + "/{id}", job).then().statusCode(200).body("state", equalTo("CANCELLED"));
        Api.as("helpdesk").queryParam("filter", scheduled).get(JOBS).then().statusCode(200).body("$", hasSize(0));
        assertThat(kafka.readAll(Topics.SESSION_COMMANDS, r -> r.value() != null && r.value().contains(job)))
                .isEmpty();
    }

    /**
     * A step that outlasts its lease (resolving 100,000 sessions under load did) lets the job be claimed again, here by
     * another worker of the same instance at its next poll. Each claim holds the lease under its own name, so the
     * lapsed claim's next renewal fails and it sends nothing more: one sender, at the job's rate, each session once.
     * (Before, every claim of an instance had the instance's name, and both went on sending.)
     */
    @Test
    void aJobClaimedAgainAfterItsLeaseLapsedIsSentByTheNewClaimOnly() {
        String marker = "LEAS" + UUID.randomUUID().toString().substring(0, 8);
        List<SessionFixture> fleet = fleetOf(marker, "S-1-5-21-8-", 30);
        String job = pacedMessageJob(marker, 3);
        String first = awaitJob("admin", job, j -> j.getLong("counts.accepted") >= 3 && j.getString("runner") != null)
                .getString("runner");

        pool.preparedQuery("UPDATE session_job SET lease_until = 0 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(job))).await().atMost(Duration.ofSeconds(10));
        String second = awaitJob("admin", job, j -> j.getString("runner") != null
                && !first.equals(j.getString("runner"))).getString("runner");
        // The same instance (host and process) under another claim's name.
        assertThat(second.substring(0, second.lastIndexOf('#'))).isEqualTo(first.substring(0, first.lastIndexOf('#')));

        awaitJob("admin", job, j -> j.getLong("counts.accepted") == 30);
        List<SessionCommand> sent = commandsOf(job, 30);
        assertThat(sent.stream().map(SessionCommand::sessionId).distinct())
                .containsExactlyInAnyOrderElementsOf(fleet.stream().map(SessionFixture::id).toList());
        assertThat(sent.stream().map(SessionCommand::commandId).distinct()).hasSize(30);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** {@code count} sessions of users named {@code <marker>\\userN}, published and served. */
    private static List<SessionFixture> fleetOf(String marker, String sidPrefix, int count) {
        List<SessionFixture> fleet = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fleet.add(session().user(sidPrefix + i, marker + "\\user" + i));
        }
        SessionFixture.publishAndAwait(fleet);
        return fleet;
    }

    /** An admin's send-message job at {@code rate} a second on the sessions of users whose names start with marker. */
    private static String pacedMessageJob(String marker, int rate) {
        return create("admin", Map.of("action", "send-message", "message", "hello", "message_type", "INFO",
                "rate", rate, "target", Map.of("filter", Map.of("type", "StartsWith", "name", "user_name",
                        "value", marker))));
    }

    /** The body of a preview-only job that would disconnect this one session. */
    private static Map<String, Object> previewOfDisconnecting(SessionFixture session) {
        return Map.of("action", "disconnect", "target", Map.of("session_ids", List.of(session.id())), "preview_only",
                true);
    }

    private static String create(String user, Map<String, Object> body) {
        io.restassured.response.ExtractableResponse<?> created = Api.as(user).body(JsonCodec.write(body)).post(JOBS)
                .then().statusCode(202).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).isEqualTo(JOBS + "/" + id);
        return id;
    }

    private static JsonPath awaitJob(String user, String job, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = Api.as(user).get(JOBS + "/{id}", job).then().statusCode(200).extract().jsonPath();
            return done.test(last[0]);
        });
        return last[0];
    }

    /** Session id → [state, status code, first error key] of every session of the job. */
    private static Map<String, List<Object>> decisions(String user, String job) {
        List<Map<String, Object>> items = Api.as(user).get(JOBS + "/{id}/sessions", job).then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, List<Object>> byId = new HashMap<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = (List<Map<String, Object>>) item.get("errors");
            List<Object> decision = new ArrayList<>();
            decision.add(item.get("state"));
            decision.add(item.get("status_code"));
            decision.add(errors == null || errors.isEmpty() ? null : errors.get(0).get("error_key"));
            byId.put((String) item.get("session_id"), decision);
        }
        return byId;
    }

    private List<SessionCommand> commandsOf(String job, int count) {
        return kafka.await(Topics.SESSION_COMMANDS, r -> r.value() != null && r.value().contains(job), count,
                Duration.ofSeconds(60)).stream().map(r -> JsonCodec.read(r.value(), SessionCommand.class)).toList();
    }

    private List<JobEvent> jobEvents(String job, int count) {
        return kafka.await(Topics.SESSION_JOBS, r -> job.equals(r.key()), count, Duration.ofSeconds(30)).stream()
                .map(r -> JsonCodec.read(r.value(), JobEvent.class)).toList();
    }

    /** The agent's outcome of a command. */
    private void answer(SessionCommand command, CommandStatus status) {
        boolean ok = status == CommandStatus.SUCCEEDED;
        SessionOutcome outcome = new SessionOutcome(UUID.randomUUID().toString(),
                command.action().outcomeType(false, ok), command.commandId(), command.action(), command.sessionId(),
                status, null, ok ? "done" : "the agent could not do it", ok ? null : "agent.failed",
                ok && command.action() == SessionAction.LOGOFF, System.currentTimeMillis(), command.userId(), null,
                command.requestedBy(), command.podId(), command.machineId(), null, null, null, command.jobId());
        kafka.send(Topics.SESSION_OUTCOMES, command.sessionId(), JsonCodec.write(outcome));
    }
}
