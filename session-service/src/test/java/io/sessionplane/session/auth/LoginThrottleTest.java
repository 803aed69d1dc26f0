package io.sessionplane.session.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The failed-login throttle in PostgreSQL, through /rest/login: what every replica shares. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class LoginThrottleTest {

    @Inject
    Pool pool;

    private static Response login(String domain, String user, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("domain", domain, "username", user, "password", password)).post("/rest/login");
    }

    private long throttleRows() {
        return pool.query("SELECT count(*) AS n FROM login_throttle").execute().await().indefinitely().iterator().next()
                .getLong("n");
    }

    @Test
    void parallelGuessesCannotPassTogether() throws Exception {
        String user = "parallel-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String password = "guess-" + i;
                guesses.add(() -> login("LOCAL", user, password).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(guesses)) {
                statuses.add(answer.get());
            }
            // Each attempt reserved its slot before the hash: five reached the password check, the rest were refused.
            assertThat(statuses).filteredOn(status -> status == 400).hasSize(5);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(11);
        } finally {
            clients.shutdownNow();
        }
        Response refused = login("local", user, "one more");
        refused.then().statusCode(429).body("error_key", equalTo("login.too.many.failures"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
    }

    @Test
    void theWindowEndsAndASuccessGivesTheSlotsBack() {
        for (int i = 0; i < 4; i++) {
            login("LOCAL", "rebooter", "wrong-" + i).then().statusCode(400);
        }
        login("LOCAL", "rebooter", "rebooter").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            login("LOCAL", "rebooter", "wrong-again-" + i).then().statusCode(400);
        }
        login("LOCAL", "rebooter", "rebooter").then().statusCode(429);
        // Five minutes later (moved in the database, which is the only clock the replicas share):
        pool.preparedQuery("UPDATE login_throttle SET window_started_at = window_started_at - interval '6 minutes'")
                .execute().await().indefinitely();
        login("LOCAL", "rebooter", "rebooter").then().statusCode(200);
    }

    @Test
    void accountsAreKeptOnlyAsDigests() {
        String user = "sprayed-" + UUID.randomUUID();
        login("LOCAL", user, "x").then().statusCode(400);
        long withName = pool.preparedQuery("SELECT count(*) AS n FROM login_throttle WHERE account_hash LIKE $1")
                .execute(Tuple.of("%" + user + "%")).await().indefinitely().iterator().next().getLong("n");
        assertThat(withName).isZero();
    }

    @Test
    void overlongFieldsAreRefusedBeforeAnythingIsStored() {
        long before = throttleRows();
        login("LOCAL", "u".repeat(129), "x").then().statusCode(400).body("error_key", equalTo("common.bad.request"))
                .body("error_message", equalTo("username is longer than 128 characters"));
        login("D".repeat(65), "admin", "x").then().statusCode(400)
                .body("error_message", equalTo("domain is longer than 64 characters"));
        login("LOCAL", "admin", "p".repeat(513)).then().statusCode(400)
                .body("error_message", equalTo("password is longer than 512 characters"));
        assertThat(throttleRows()).isEqualTo(before);
        // The body limit: far below the 10 MB default, answered before the body is read whole.
        given().contentType(ContentType.JSON).body("{\"domain\":\"" + "x".repeat(400_000) + "\"}").post("/rest/login")
                .then().statusCode(413).body("error_key", equalTo("common.payload.too.large"))
                .body("error_message", equalTo("the request body is 400013 bytes; this path takes at most 327680"));
        // A chunked body (no declared length) is held to the path's limit too, not to the 8 MB of session jobs.
        java.net.http.HttpResponse<String> chunked;
        try {
            byte[] large = ("{\"domain\":\"" + "x".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            chunked = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                    + "/rest/login")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(large))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    }
}
