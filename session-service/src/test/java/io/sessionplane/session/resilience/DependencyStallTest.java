package io.sessionplane.session.resilience;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stalled dependency (frozen with SIGSTOP: connections stay open, nothing answers) makes requests answer 503 with
 * the documented body and Retry-After instead of waiting for it, takes the instance out of readiness while liveness
 * stays UP, and everything works again without a restart once it answers. The frozen server is thawed only after the
 * answers arrived: an answer while it is frozen cannot have waited for it.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class DependencyStallTest {
    /** Far above the 3 s deadline: a request that waited for the dependency would still be waiting at thaw. */
    static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 10_000));

    private SessionFixture target;
    private String token;

    @BeforeEach
    void fixture() {
        Assumptions.assumeTrue(TestInfrastructure.get().restartable(), "needs the embedded servers, which a test"
                + " may freeze");
        target = session();
        SessionFixture.publishAndAwait(target);
        token = Api.token("admin");
    }

    @Test
    void aFrozenDatabaseIsA503NotAWaitAndTheServiceRecoversByItself() {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.freezePostgres();
        try {
            Response list = Api.withToken(token).config(PATIENT).get("/rest/inventory/v1/sessions?size=10");
            assertThat(list.statusCode()).isEqualTo(503);
            assertThat(list.header("Retry-After")).isEqualTo("5");
            assertThat(list.jsonPath().getString("error_key")).isEqualTo("common.service.unavailable");
            Api.withToken(token).config(PATIENT).body(List.of(target.id()))
                    .post("/rest/inventory/v1/sessions/action/disconnect").then()
                    .statusCode(503).body("error_key", equalTo("common.service.unavailable"))
                    .header("Retry-After", notNullValue());
            RestAssured.given().config(PATIENT).get("/q/health/live").then().statusCode(200);
            RestAssured.given().config(PATIENT).get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'postgresql' }.status", equalTo("DOWN"));
        } finally {
            infra.thawPostgres();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200));
        Api.withToken(token).get("/rest/inventory/v1/sessions/{id}", target.id()).then().statusCode(200);
        Api.withToken(token).body(List.of(target.id())).post("/rest/inventory/v1/sessions/action/disconnect").then()
                .statusCode(200).body("[0].status_code", equalTo(200));
    }

    @Test
    void aFrozenBrokerIsA503ForTheCommandNotAWaitAndTheServiceRecoversByItself() {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.freezeKafka();
        try {
            // The session is found, then its command cannot be made durable: the item (or, if the deadline came
            // first, the whole request) is 503.
            Response answer = Api.withToken(token).config(PATIENT).body(List.of(target.id()))
                    .post("/rest/inventory/v1/sessions/action/disconnect");
            assertThat(answer.statusCode()).isIn(200, 503);
            if (answer.statusCode() == 200) {
                assertThat(answer.jsonPath().getInt("[0].status_code")).isEqualTo(503);
                assertThat(answer.jsonPath().getString("[0].errors[0].error_key"))
                        .isEqualTo("common.service.unavailable");
            } else {
                assertThat(answer.header("Retry-After")).isNotNull();
            }
            // Reads do not need the broker.
            Api.withToken(token).config(PATIENT).get("/rest/inventory/v1/sessions/{id}", target.id()).then()
                    .statusCode(200);
            RestAssured.given().config(PATIENT).get("/q/health/live").then().statusCode(200);
            RestAssured.given().config(PATIENT).get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
        } finally {
            infra.thawKafka();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Api.withToken(token).body(List.of(target.id())).post("/rest/inventory/v1/sessions/action/disconnect")
                        .then().statusCode(200).body("[0].status_code", anyOf(equalTo(200), equalTo(409))));
    }
}
