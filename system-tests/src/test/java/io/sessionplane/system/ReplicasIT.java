package io.sessionplane.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.Ports;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.sessionplane.localstack.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of each service behind the gateway; under a steady load of commands (and reads of the other services),
 * every replica is restarted in turn as a rolling update does. Every answer is a 200 or the documented 503, and every
 * accepted command was executed once: one outcome on the topic (read by a plain consumer), its status finished, one
 * audit record of its outcome.
 */
class RollingRestartIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalStack stack;
    static String token;

    @BeforeAll
    static void startStack() {
        Path root = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("system-tests/target/rolling");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                        Ports.free(), Ports.free())
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
        pause(3_000);
        for (String module : List.of("session-service", "assist-service", "audit-service")) {
            for (ServiceProcess instance : stack.instances(module)) {
                long began = System.nanoTime();
                stack.restart(instance);
                System.out.printf("restarted %s in %d ms%n", instance.name(), (System.nanoTime() - began) / 1_000_000);
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

        // Every accepted command was executed once: one outcome each, none for anything else.
        Map<String, Integer> outcomes = outcomesByCommand(accepted.keySet());
        assertThat(accepted.keySet()).allSatisfy(command ->
                assertThat(outcomes.getOrDefault(command, 0)).as("outcomes of command %s", command).isEqualTo(1));
        // Its status is finished and its outcome is in the audit log, once.
        List<String> unfinished = new ArrayList<>();
        for (String command : accepted.keySet()) {
            if (!finished(command)) {
                unfinished.add(command);
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unfinished.stream()
                .filter(command -> !finished(command)).toList()).isEmpty());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<String>> audited = auditedMessages();
            assertThat(accepted.keySet()).allSatisfy(command -> assertThat(audited.get(command)).as(command)
                    .containsExactlyInAnyOrder("SESSION_SEND_MESSAGE_REQUESTED", accepted.get(command)));
        });
    }

    private static boolean finished(String command) {
        try {
            String status = get("/rest/inventory/v1/session-commands/" + command).path("status").asText();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    /** The audit records of messages, by command id, read page by page (1,000 a page). */
    private static Map<String, List<String>> auditedMessages() throws Exception {
        Map<String, List<String>> byCommand = new HashMap<>();
        String filter = "{\"type\":\"Or\",\"filters\":[{\"type\":\"Equals\",\"name\":\"type\",\"value\":"
                + "\"SESSION_SEND_MESSAGE_REQUESTED\"},{\"type\":\"Equals\",\"name\":\"type\",\"value\":"
                + "\"ADMIN_SESSION_SENDMSG\"},{\"type\":\"Equals\",\"name\":\"type\",\"value\":"
                + "\"ADMIN_SESSION_SENDMSG_FAILED\"}]}";
        for (int page = 1; ; page++) {
            Response response = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                    .queryParams(Map.of("filter", filter, "size", "1000", "page", Integer.toString(page)))
                    .get("/rest/external/v1/audit-events");
            assertThat(response.statusCode()).isEqualTo(200);
            JSON.readTree(response.asString()).forEach(record -> byCommand.computeIfAbsent(
                    record.path("command_id").asText(), id -> new ArrayList<>()).add(record.path("type").asText()));
            if (!"TRUE".equalsIgnoreCase(response.header("HAS_MORE_RECORDS"))) {
                return byCommand;
            }
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
            Response response = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get(path);
            answers.add(new Answer(path, response.statusCode(), response.asString()));
        } catch (Exception e) {
            answers.add(new Answer(path, -1, e.toString()));
        }
    }

    private static JsonNode get(String path) throws Exception {
        return get(path, Map.of());
    }

    private static JsonNode get(String path, Map<String, String> query) throws Exception {
        return JSON.readTree(given().baseUri(stack.gatewayUrl()).auth().oauth2(token).queryParams(query).get(path)
                .then().statusCode(200).extract().asString());
    }

    private static List<String> connectedLocalSessions() throws Exception {
        JsonNode sessions = get("/rest/inventory/v1/sessions", Map.of("size", "1000", "filter",
                "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"},"
                        + "{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":false},"
                        + "{\"type\":\"Equals\",\"name\":\"brokered_remotely\",\"value\":false}]}"));
        List<String> ids = new ArrayList<>();
        sessions.forEach(session -> ids.add(session.path("id").asText()));
        return ids;
    }

    /** Outcomes on session.outcomes.v1 per command id, read whole by a plain consumer (no group). */
    private static Map<String, Integer> outcomesByCommand(Set<String> commands) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_OUTCOMES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Each accepted command's outcome is on the topic before its status finished (checked above); read to the
            // end, and until every command's outcome was seen (the last ones may still be on their way).
            while (System.nanoTime() < deadline && (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    || !counts.keySet().containsAll(commands))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String command = JSON.readTree(record.value()).path("command_id").asText();
                    if (commands.contains(command)) {
                        counts.merge(command, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
