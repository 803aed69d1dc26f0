package io.sessionplane.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.stack.CommandAccounting;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.sessionplane.localstack.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of each service behind the gateway.
 * <ul>
 * <li>Rolling restart: under a steady load of commands (and reads of the other services), every replica is restarted
 * in turn as a rolling update does. Every answer is a 200 or the documented 503, and every accepted command was
 * executed once: one outcome on the topic (read by a plain consumer), its status finished, one audit record of its
 * outcome. Each stop drains its consumers before the database pool closes (nothing in its log ran against a closed
 * pool), and ends a live-feed stream opened on the stopping session-service replica with {@code event: closed}
 * (reason shutdown) instead of waiting on it for the whole shutdown timeout.</li>
 * <li>A session job whose runner is killed mid-step: exactly one replica runs it at a time, the other takes it over
 * when the lease lapses, and no session gets a warning or the action twice.</li>
 * <li>A session job whose runner is stopped (SIGTERM) mid-step: the other replica takes it over at once.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalStack stack;
    static String token;

    @BeforeAll
    static void startStack() {
        Path root = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("system-tests/target/rolling");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(60, 0).withReplicas(2);
        stack = new LocalStack(settings);
        try {
            stack.start();
            token = stack.login("admin", "admin");
        } catch (Exception e) {
            throw new AssertionError("the stack did not start:\n" + stack.tails(30), e);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** What a client saw for one request: the HTTP status and, for an action, each item's status and command. */
    record Answer(String what, int status, String body) {
    }

    @Test
    @Order(1)
    void restartingEveryReplicaInTurnUnderLoadLosesNothingAndDoesNothingTwice() throws Exception {
        List<String> targets = connectedLocalSessions();
        assertThat(targets).hasSizeGreaterThanOrEqualTo(5);
        List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, String> accepted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int worker = 0; worker < 3; worker++) {
            int offset = worker;
            load.execute(() -> {
                int n = offset;
                while (!stop.get()) {
                    String target = targets.get(n++ % targets.size());
                    sendMessage(target, answers, accepted);
                    read("/rest/helpdesk/v1/sessions/" + target + "/ws1-assist/status", answers);
                    read("/rest/external/v1/audit-events?size=5", answers);
                    pause(60);
                }
            });
        }
        // The restarts begin once the load is flowing through every replica's path.
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 20);
        Map<String, List<String>> stopLogs = new TreeMap<>();
        for (String module : List.of("session-service", "assist-service", "audit-service")) {
            for (ServiceProcess instance : stack.instances(module)) {
                // A console following the live feed on this very instance: the stop must end its stream with
                // event: closed (reason shutdown) rather than wait on it for the whole shutdown timeout (which Quarkus
                // logs as "Timed out waiting for graceful shutdown … [Error Occurred After Shutdown]", refused below).
                CompletableFuture<List<String>> feed = "session-service".equals(module) ? openFeed(instance) : null;
                long began = System.nanoTime();
                stopLogs.put(instance.name(), stopKeepingLog(instance));
                long stopMillis = (System.nanoTime() - began) / 1_000_000;
                if (feed != null) {
                    assertThat(feed.get(30, TimeUnit.SECONDS)).as(instance.name() + "'s live feed")
                            .contains("event: closed").anyMatch(line -> line.startsWith("data: ")
                                    && line.contains("\"reason\":\"shutdown\""));
                }
                instance.start();
                instance.awaitReady(Duration.ofMinutes(3));
                System.out.printf("restarted %s in %d ms (stopped in %d ms)%n", instance.name(),
                        (System.nanoTime() - began) / 1_000_000, stopMillis);
                pause(2_000);
            }
        }
        pause(3_000);
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach(answer -> byStatus.merge(answer.status(), 1L, Long::sum));
        System.out.println("rolling restart: " + answers.size() + " answers " + byStatus + ", " + accepted.size()
                + " commands accepted");
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.what() + ": " + answer.body()).isIn(200, 503);
            if (answer.status() == 503) {
                assertThat(answer.body()).as(answer.what()).contains("common.service.unavailable");
            }
        });
        assertThat(accepted).hasSizeGreaterThan(50);
        stopLogs.forEach(ReplicasIT::assertStoppedCleanly);

        // Every accepted command was executed once: one outcome each, its status finished, its audit records once.
        CommandAccounting accounting = new CommandAccounting(stack.kafka().bootstrapServers(), stack.gatewayUrl(),
                token);
        Map<String, List<String>> outcomes = accounting.outcomeTypes(accepted.keySet(), Duration.ofSeconds(60));
        assertThat(accepted).allSatisfy((command, type) ->
                assertThat(outcomes.get(command)).as("outcomes of command %s", command).containsExactly(type));
        List<String> unfinished = new ArrayList<>();
        for (String command : accepted.keySet()) {
            if (!List.of("SUCCEEDED", "FAILED").contains(accounting.status(command))) {
                unfinished.add(command);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unfinished.stream()
                .filter(command -> !finished(accounting, command)).toList()).isEmpty());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<String>> audited = accounting.auditTypes(List.of("SESSION_SEND_MESSAGE_REQUESTED",
                    "ADMIN_SESSION_SENDMSG", "ADMIN_SESSION_SENDMSG_FAILED"));
            assertThat(accepted).allSatisfy((command, type) -> assertThat(audited.get(command)).as(command)
                    .containsExactlyInAnyOrder("SESSION_SEND_MESSAGE_REQUESTED", type));
        });
    }

    /**
     * A message job on the connected sessions, warned once before: while its action goes out (2 a second), the
     * replica running it is killed (SIGKILL) and started again. The other replica takes the job over when the lease
     * lapses and finishes it; every session got one warning and one message (one command id each, one outcome each),
     * the job completed with every accepted command's outcome, and its audit records are there once each.
     */
    @Test
    @Order(2)
    void aJobWhoseRunnerIsKilledIsFinishedByTheOtherReplicaWithoutDoingAnythingTwice() throws Exception {
        List<String> targets = jobTargets();
        String runAt = java.time.Instant.now().plusSeconds(20).toString();
        String job = createJob(Map.of("action", "send-message", "message", "Maintenance starts now", "message_type",
                "WARNING", "target", Map.of("session_ids", targets), "rate", 2, "run_at", runAt, "warnings",
                List.of(Map.of("before", "PT12S", "message", "Maintenance in 12 seconds"))));

        JsonNode running = awaitJob(job, j -> j.path("counts").path("accepted").asLong() >= 4
                && !j.path("runner").isMissingNode(), Duration.ofSeconds(90));
        long pid = runnerPid(running);
        ServiceProcess holder = runnerOf(running);
        holder.kill();
        System.out.printf("killed %s (pid %d), runner of job %s, after %d accepted%n", holder.name(), pid, job,
                running.path("counts").path("accepted").asLong());
        holder.start();
        holder.awaitReady(Duration.ofMinutes(3));

        JsonNode done = awaitJob(job, j -> j.path("state").asText().equals("COMPLETED"), Duration.ofMinutes(3));
        JsonNode counts = done.path("counts");
        System.out.println("job after the kill: " + counts);
        assertThat(counts.path("targeted").asLong()).isEqualTo(targets.size());
        assertThat(counts.path("accepted").asLong() + counts.path("refused").asLong() + counts.path("skipped")
                .asLong()).isEqualTo(targets.size());
        assertThat(counts.path("succeeded").asLong() + counts.path("failed").asLong())
                .isEqualTo(counts.path("accepted").asLong());

        // One warning and one message per session, by command id; a record sent again with the same id (the dead
        // replica's last batch) is the same command, executed once.
        Map<String, Set<String>> warnings = new TreeMap<>();
        Map<String, Set<String>> messages = new TreeMap<>();
        int records = 0;
        try (var kafka = new io.sessionplane.localstack.testing.KafkaTestClient(stack.kafka().bootstrapServers())) {
            for (var record : kafka.readAll("session.commands.v1", r -> r.value() != null
                    && r.value().contains(job))) {
                JsonNode command = JSON.readTree(record.value());
                String session = command.path("session_id").asText();
                boolean warning = command.path("message").asText().equals("Maintenance in 12 seconds");
                (warning ? warnings : messages).computeIfAbsent(session, k -> new java.util.TreeSet<>())
                        .add(command.path("command_id").asText());
                records++;
            }
        }
        System.out.printf("job commands: %d records, %d warning ids, %d message ids%n", records,
                warnings.values().stream().mapToInt(Set::size).sum(), messages.values().stream().mapToInt(Set::size)
                        .sum());
        assertThat(warnings.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(messages.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(messages).hasSize((int) counts.path("accepted").asLong());
        Set<String> commandIds = new java.util.HashSet<>();
        warnings.values().forEach(commandIds::addAll);
        messages.values().forEach(commandIds::addAll);
        CommandAccounting accounting = new CommandAccounting(stack.kafka().bootstrapServers(), stack.gatewayUrl(),
                token);
        Map<String, List<String>> outcomes = accounting.outcomeTypes(commandIds, Duration.ofSeconds(60));
        assertThat(commandIds).allSatisfy(id -> assertThat(outcomes.get(id)).as("outcomes of %s", id).hasSize(1));

        // Created, warned, acted and completed: audited once each.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode audit = get("/rest/external/v1/audit-events", Map.of("filter", "{\"type\":\"StartsWith\","
                    + "\"name\":\"type\",\"value\":\"SESSION_JOB_\"}", "size", "1000"));
            List<String> types = new ArrayList<>();
            audit.forEach(record -> {
                if (record.path("job_id").asText().equals(job)) {
                    types.add(record.path("type").asText());
                }
            });
            assertThat(types).containsExactlyInAnyOrder("SESSION_JOB_CREATED", "SESSION_JOB_WARNED",
                    "SESSION_JOB_ACTED", "SESSION_JOB_COMPLETED");
        });
    }

    /**
     * A message job whose runner is stopped as a rolling update stops it (SIGTERM): the runner finishes its batch and
     * releases the job, and the other replica goes on at once, long before the 30 s lease would have lapsed, with no
     * session messaged twice and nothing run against a closed pool.
     */
    @Test
    @Order(3)
    void aJobWhoseRunnerIsStoppedIsHandedOverAtOnce() throws Exception {
        List<String> targets = jobTargets();
        String job = createJob(Map.of("action", "send-message", "message", "Handed over", "message_type", "INFO",
                "target", Map.of("session_ids", targets), "rate", 2));
        JsonNode running = awaitJob(job, j -> j.path("counts").path("accepted").asLong() >= 2
                && !j.path("runner").isMissingNode(), Duration.ofSeconds(90));
        String stoppedRunner = running.path("runner").asText();
        ServiceProcess holder = runnerOf(running);
        List<String> stopLog = stopKeepingLog(holder);
        long stoppedAt = System.nanoTime();

        // Half the lease: a runner that only died would still hold the job then, and nobody would have finished it.
        JsonNode taken = awaitJob(job, j -> j.path("state").asText().equals("COMPLETED")
                || !j.path("runner").isMissingNode() && !j.path("runner").asText().equals(stoppedRunner),
                Duration.ofSeconds(15));
        System.out.printf("job %s handed over %d ms after its runner %s stopped: %s%n", job,
                (System.nanoTime() - stoppedAt) / 1_000_000, holder.name(), taken.path("counts"));
        assertStoppedCleanly(holder.name(), stopLog);

        JsonNode done = awaitJob(job, j -> j.path("state").asText().equals("COMPLETED"), Duration.ofMinutes(2));
        holder.start();
        holder.awaitReady(Duration.ofMinutes(3));
        JsonNode counts = done.path("counts");
        assertThat(counts.path("accepted").asLong()).isEqualTo(targets.size());
        Map<String, Set<String>> messages = new TreeMap<>();
        try (var kafka = new io.sessionplane.localstack.testing.KafkaTestClient(stack.kafka().bootstrapServers())) {
            for (var record : kafka.readAll("session.commands.v1", r -> r.value() != null
                    && r.value().contains(job))) {
                JsonNode command = JSON.readTree(record.value());
                messages.computeIfAbsent(command.path("session_id").asText(), k -> new java.util.TreeSet<>())
                        .add(command.path("command_id").asText());
            }
        }
        assertThat(messages).hasSize(targets.size());
        assertThat(messages.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    /**
     * Creates a job as a client would: asked again while the answer is the documented 503 (a replica restarted just
     * before may take longer than the request deadline at first); any other answer than 202 fails at once.
     */
    private static String createJob(Map<String, Object> body) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Response answer = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(body).post("/rest/inventory/v1/session-jobs");
            if (answer.statusCode() == 503) {
                return false;
            }
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("creating a job answered " + answer.statusCode() + ": "
                        + answer.asString());
            }
            id[0] = answer.path("id");
            return true;
        });
        return id[0];
    }

    /** Up to 24 connected sessions of this pod, for a job at 2 a second that runs long enough to be interrupted. */
    private static List<String> jobTargets() {
        List<String> targets = connectedLocalSessions();
        targets = targets.subList(0, Math.min(24, targets.size()));
        assertThat(targets).hasSizeGreaterThanOrEqualTo(10);
        return targets;
    }

    /** The process id in a job's runner (host/pid/suffix). */
    private static long runnerPid(JsonNode job) {
        return Long.parseLong(job.path("runner").asText().split("/")[1]);
    }

    /** The session-service instance running the job. */
    private static ServiceProcess runnerOf(JsonNode job) {
        long pid = runnerPid(job);
        return stack.instances("session-service").stream().filter(p -> p.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no session-service instance has pid " + pid + ": " + job));
    }

    private static JsonNode awaitJob(String job, java.util.function.Predicate<JsonNode> done, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                last[0] = get("/rest/inventory/v1/session-jobs/" + job);
                return done.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("job " + job + " is " + last[0] + "\n" + stack.tails(40), e);
        }
        return last[0];
    }

    private static boolean finished(CommandAccounting accounting, String command) {
        try {
            return List.of("SUCCEEDED", "FAILED").contains(accounting.status(command));
        } catch (Exception e) {
            return false;
        }
    }

    private static void sendMessage(String target, List<Answer> answers, Map<String, String> accepted) {
        try {
            Response response = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("message", "Rolling restart", "message_type", "INFO", "session_ids", List.of(target)))
                    .post("/rest/inventory/v1/sessions/action/send-message");
            String body = response.asString();
            answers.add(new Answer("send-message", response.statusCode(), body));
            if (response.statusCode() == 200) {
                JsonNode item = JSON.readTree(body).get(0);
                int itemStatus = item.path("status_code").asInt();
                answers.add(new Answer("send-message item", itemStatus, item.toString()));
                if (itemStatus == 200) {
                    // A connected session gets the message; one that disconnected meanwhile refuses it.
                    accepted.put(item.path("command_id").asText(), "ADMIN_SESSION_SENDMSG");
                }
            }
        } catch (Exception e) {
            answers.add(new Answer("send-message", -1, e.toString()));
        }
    }

    private static void read(String path, List<Answer> answers) {
        try {
            Response response = fetch(path, Map.of());
            answers.add(new Answer(path, response.statusCode(), response.asString()));
        } catch (Exception e) {
            answers.add(new Answer(path, -1, e.toString()));
        }
    }

    private static JsonNode get(String path) throws Exception {
        return get(path, Map.of());
    }

    private static JsonNode get(String path, Map<String, String> query) throws Exception {
        return JSON.readTree(fetch(path, query).then().statusCode(200).extract().asString());
    }

    /** A GET through the gateway as the admin, whatever it answers. */
    private static Response fetch(String path, Map<String, String> query) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).queryParams(query).get(path);
    }

    /**
     * The connected local sessions. Right after six service JVMs start on a small machine, a first cold request can
     * outlast the services' 3 s deadline and get the documented 503; a client asks again, and so does this setup, for a
     * while. Any other answer fails at once.
     */
    private static List<String> connectedLocalSessions() {
        Map<String, String> query = Map.of("size", "1000", "filter",
                "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"},"
                        + "{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":false},"
                        + "{\"type\":\"Equals\",\"name\":\"brokered_remotely\",\"value\":false}]}");
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Response response = fetch("/rest/inventory/v1/sessions", query);
            if (response.statusCode() != 200 && response.statusCode() != 503) {
                // Not an assertion error, so Awaitility does not ask again.
                throw new IllegalStateException("sessions answered " + response.statusCode() + ": "
                        + response.asString());
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            JSON.readTree(response.asString()).forEach(session -> ids.add(session.path("id").asText()));
        });
        return ids;
    }

    /** A live-feed stream opened on the instance itself (not through the gateway); its lines once it has ended. */
    private static CompletableFuture<List<String>> openFeed(ServiceProcess instance) throws Exception {
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + instance.port()
                                + "/rest/inventory/v1/session-events")).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as("the live feed of " + instance.name()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> {
            try (java.util.stream.Stream<String> lines = response.body()) {
                return lines.toList();
            } catch (java.io.UncheckedIOException cut) {
                return List.of("cut off: " + cut.getMessage());
            }
        });
    }

    /** Stops the instance as a rolling update does (SIGTERM) and returns the lines its log gained meanwhile. */
    private static List<String> stopKeepingLog(ServiceProcess instance) throws java.io.IOException {
        Path log = instance.logFile();
        long from = java.nio.file.Files.size(log);
        instance.close();
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            byte[] added = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(added);
            return new String(added, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * The stop drained before the database pool closed: the drain ran, nothing ran against a closed pool, and nothing
     * failed after Vert.x had stopped.
     */
    private static void assertStoppedCleanly(String instance, List<String> stopLog) {
        assertThat(stopLog).as(instance + " stopping").anyMatch(line -> line.contains("stopping: scheduled jobs"))
                .noneMatch(line -> line.contains("Pool closed") || line.contains("Error Occurred After Shutdown"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
