package io.sessionplane.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as a user meets it: the local stack (real Kafka, real PostgreSQL, the services, the simulated
 * agents) behind the dev gateway, driven only through the gateway's public API.
 */
class StackEndToEndIT {
    static LocalStack stack;
    static String adminToken;
    static List<Long> processes;

    @BeforeAll
    static void startStack() throws Exception {
        Path root = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("system-tests/target/stack");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(80, 0);
        stack = new LocalStack(settings);
        try {
            stack.start();
        } catch (RuntimeException e) {
            throw new AssertionError("the stack did not start:\n" + stack.tails(30), e);
        }
        System.out.println(stack.banner());
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = settings.gatewayPort();
        adminToken = stack.login("admin", "admin");
        processes = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
            // Nothing the stack started is left running.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(processes.stream()
                    .map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).isEmpty());
        }
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON);
    }

    @Test
    void aSimulatedSessionIsReadThroughTheGateway() {
        admin().get("/rest/inventory/v1/sessions/{id}", stack.sampleSessionId()).then()
                .statusCode(200)
                .body("id", equalTo(stack.sampleSessionId()))
                .body("session_state", equalTo("CONNECTED"))
                .body("user_id", notNullValue())
                .body("client_data.name", notNullValue());
        admin().queryParam("size", 1000).get("/rest/inventory/v1/sessions").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(64));
    }

    @Test
    void anActionTravelsToTheAgentAndBackIntoInventoryAndAudit() {
        String target = admin().queryParam("filter", "{\"type\":\"And\",\"filters\":["
                        + "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"},"
                        + "{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":false},"
                        + "{\"type\":\"Equals\",\"name\":\"brokered_remotely\",\"value\":false},"
                        // Not the session the read test expects CONNECTED, whatever order the tests run in.
                        + "{\"type\":\"NotEquals\",\"name\":\"id\",\"value\":\"" + stack.sampleSessionId() + "\"}]}")
                .queryParam("size", 1).get("/rest/inventory/v1/sessions").then().statusCode(200)
                .extract().path("[0].id");
        String commandId = admin().body(List.of(target)).post("/rest/inventory/v1/sessions/action/disconnect").then()
                .statusCode(200).body("[0].status_code", equalTo(200)).extract().path("[0].command_id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin().get("/rest/inventory/v1/session-commands/{id}", commandId).then()
                        .body("status", equalTo("SUCCEEDED"))
                        .body("outcome.event_type", equalTo("ADMIN_DESKTOP_SESSION_DISCONNECTED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin().get("/rest/inventory/v1/sessions/{id}", target).then().body("session_state", equalTo("DISCONNECTED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin().queryParam("filter", "{\"type\":\"Equals\",\"name\":\"command_id\",\"value\":\"" + commandId + "\"}")
                        .get("/rest/external/v1/audit-events").then().statusCode(200)
                        .body("type", hasItem("SESSION_DISCONNECT_REQUESTED"))
                        .body("type", hasItem("ADMIN_DESKTOP_SESSION_DISCONNECTED")));

        // The rules are enforced end to end: a second disconnect is refused up front.
        admin().body(List.of(target)).post("/rest/inventory/v1/sessions/action/disconnect").then()
                .body("[0].status_code", equalTo(409));
    }

    /**
     * Logout ends the access token in every service, not only where the operator logged out: session-service
     * publishes the revocation and assist-service and audit-service refuse the token as soon as they read it.
     */
    @Test
    void logoutEndsTheAccessTokenInEveryService() {
        var login = given().contentType(ContentType.JSON)
                .body(Map.of("domain", "LOCAL", "username", "admin", "password", "admin"))
                .post("/rest/login").then().statusCode(200).extract();
        String access = login.path("access_token");
        String session = stack.sampleSessionId();
        List<String> reads = List.of("/rest/inventory/v1/sessions/" + session,
                "/rest/helpdesk/v1/sessions/" + session + "/ws1-assist/status",
                "/rest/external/v1/audit-events?size=1");
        for (String path : reads) {
            given().auth().oauth2(access).get(path).then().statusCode(200);
        }

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);

        for (String path : reads) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().auth().oauth2(access).get(path).then().statusCode(401));
        }
        // The other sessions of the operator are untouched.
        admin().get(reads.get(1)).then().statusCode(200);
    }

    @Test
    void remoteAssistanceOpensWhenTheSimulatedUserAccepts() {
        Map<String, Object> desktop = given().baseUri("http://localhost").port(stack.settings().simulatorPort())
                .get("/simulator/sessions?invitation_answer=accept&desktops_only=true&local_only=true&state=CONNECTED&limit=1")
                .then().statusCode(200).extract().path("[0].snapshot.session");
        String machine = (String) desktop.get("machine_id");
        String sessionId = (String) desktop.get("id");
        String shareSpaceId = admin().post("/v2/demo/desktops/{desktop}/remote-assistance", machine).then()
                .statusCode(200).body("status", equalTo("WAIT_USER_CONFIRM")).extract().path("share_space_id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                admin().get("/v2/demo/desktops/{desktop}/remote-assistance", machine).then()
                        .body("status", equalTo("OPEN")));
        admin().get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", sessionId).then().statusCode(200)
                .body("status", notNullValue());
        admin().delete("/v2/demo/desktops/{desktop}/remote-assistance", machine).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin().queryParam("filter", "{\"type\":\"Equals\",\"name\":\"share_space_id\",\"value\":\""
                                + shareSpaceId + "\"}").get("/rest/external/v1/audit-events").then()
                        .body("type", hasItem("REMOTE_ASSISTANCE_OPENED"))
                        .body("type", hasItem("REMOTE_ASSISTANCE_CANCELLED")));
    }

    /**
     * A team's Kafka consumer meets session.events.v1: the example consumer, as its own JVM with no SessionPlane
     * module on its classpath, in its own group, sees one session's life in order, each fact once, while the session
     * is driven through the gateway and its user reconnects.
     */
    @Test
    void anOutsideConsumerSeesOneSessionsLifeInOrderEachOnce() throws Exception {
        String target = admin().queryParam("filter", "{\"type\":\"And\",\"filters\":["
                        + "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"},"
                        + "{\"type\":\"Equals\",\"name\":\"session_type\",\"value\":\"DESKTOP\"},"
                        + "{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":false},"
                        + "{\"type\":\"Equals\",\"name\":\"brokered_remotely\",\"value\":false},"
                        + "{\"type\":\"NotEquals\",\"name\":\"id\",\"value\":\"" + stack.sampleSessionId() + "\"}]}")
                .queryParam("size", 1).queryParam("sort_by", "start_time").queryParam("order_by", "ASC")
                .get("/rest/inventory/v1/sessions").then().statusCode(200).extract().path("[0].id");
        Path root = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
        try (ExampleConsumer consumer = ExampleConsumer.start(root, "localhost:" + stack.settings().kafkaPort(),
                target)) {
            String disconnect = admin().body(List.of(target)).post("/rest/inventory/v1/sessions/action/disconnect")
                    .then().statusCode(200).body("[0].status_code", equalTo(200)).extract().path("[0].command_id");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().get("/rest/inventory/v1/sessions/{id}",
                    target).then().body("session_state", equalTo("DISCONNECTED")));
            given().port(stack.settings().simulatorPort()).post("/simulator/sessions/{id}/user-reconnects", target)
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().get("/rest/inventory/v1/sessions/{id}",
                    target).then().body("session_state", equalTo("CONNECTED")));
            String logoff = admin().body(List.of(target)).queryParam("forced", true)
                    .post("/rest/inventory/v1/sessions/action/logoff").then().statusCode(200)
                    .body("[0].status_code", equalTo(200)).extract().path("[0].command_id");

            List<JsonNode> events = consumer.eventsUntil("AGENT_ENDED", Duration.ofSeconds(90));
            assertThat(events).extracting(e -> e.path("event_type").asText()).containsExactly("AGENT_CONNECTED",
                    "SESSION_DISCONNECT_REQUESTED", "ADMIN_DESKTOP_SESSION_DISCONNECTED", "AGENT_DISCONNECTED",
                    "AGENT_RECONNECTED", "SESSION_LOGOFF_REQUESTED", "ADMIN_DESKTOP_SESSION_LOGOFF", "AGENT_ENDED");
            assertThat(events).extracting(e -> e.path("sequence").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(events.get(1).path("command_id").asText()).isEqualTo(disconnect);
            assertThat(events.get(2).path("command_id").asText()).isEqualTo(disconnect);
            assertThat(events.get(5).path("command_id").asText()).isEqualTo(logoff);
            // session_state is the state after each event: the outcomes tell what the action left.
            assertThat(events).extracting(e -> e.path("session_state").asText(null)).containsExactly("CONNECTED",
                    "CONNECTED", "DISCONNECTED", "DISCONNECTED", "CONNECTED", "CONNECTED", null, null);
            assertThat(events.get(1).path("requested_by").asText()).isEqualTo("LOCAL\\admin");
            assertThat(events.stream().map(e -> e.path("event_id").asText()).distinct()).hasSize(events.size());
            assertThat(events.get(0).path("message").asText()).contains("has logged in to a new session on machine");
            assertThat(events.get(7).path("message").asText()).contains("has logged off machine");
        }
        // The example drops repeats by event_id, as the guide advises; the stream itself must not have any: a raw
        // read_committed read of the topic finds each of this session's events exactly once.
        List<String> raw = rawEventIds(target);
        assertThat(raw).hasSize(8).doesNotHaveDuplicates();

        // A team that stops and carries on in the same group (the guide's "the same group.id as last time") misses
        // nothing and repeats nothing: the first run stops after 3 of the 8 events, mid-poll, the second reads on.
        String group = "timeline-resume-" + java.util.UUID.randomUUID();
        List<JsonNode> resumed = new java.util.ArrayList<>();
        for (String max : List.of("3", "5")) {
            try (ExampleConsumer run = ExampleConsumer.start(root, "localhost:" + stack.settings().kafkaPort(), target,
                    "--group", group, "--max-events", max)) {
                resumed.addAll(run.eventsWhenStopped(Duration.ofSeconds(120)));
            }
        }
        assertThat(resumed).extracting(e -> e.path("sequence").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    static List<String> rawEventIds(String sessionId) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", "localhost:" + stack.settings().kafkaPort());
        props.put("group.id", "raw-reader-" + java.util.UUID.randomUUID());
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        List<String> ids = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("session.events.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && idle < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                idle = records.isEmpty() ? idle + 1 : 0;
                for (var record : records) {
                    if (sessionId.equals(record.key())) {
                        ids.add(new String(record.headers().lastHeader("ce_id").value(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return ids;
    }

    @Test
    void theGatewayRoutesOnlyPublicPaths() {
        given().get("/q/health").then().statusCode(404).body("error_key", equalTo("common.not.found"));
        given().get("/simulator/sessions").then().statusCode(404);
        given().get("/rest/inventory/v1/sessions").then().statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
        given().auth().oauth2(adminToken).get("/v2/demo/desktops/nope/remote-assistance").then().statusCode(404)
                .body("error_code", equalTo("WKS.1003"));
        // Security headers on every answer; token answers are never stored.
        given().get("/rest/inventory/v1/sessions").then().header("X-Content-Type-Options", "nosniff");
        given().contentType(ContentType.JSON).body(Map.of("domain", "LOCAL", "username", "nobody", "password", "x"))
                .post("/rest/login").then().statusCode(400).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        // The event contract is public and served through the gateway.
        given().get("/asyncapi.yaml").then().statusCode(200);
        given().get("/schemas/session-event.v1.json").then().statusCode(200);
    }
}
