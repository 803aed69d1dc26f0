package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** With the broker stopped, commands are answered 503 and none of them reaches Kafka later. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class KafkaUnavailableTest {

    @Test
    void commandsAre503WhileTheBrokerIsDownAndNothingIsSentLater() {
        TestInfrastructure infra = TestInfrastructure.get();
        Assumptions.assumeTrue(infra.restartable(), "needs the embedded broker, which a test may stop");
        SessionFixture first = session();
        SessionFixture second = session();
        SessionFixture.publishAndAwait(first, second);
        String token = Api.token("admin");
        String key = UUID.randomUUID().toString();

        infra.stopKafka();
        try {
            Api.withToken(token).header("Idempotency-Key", key).body(List.of(first.id(), second.id()))
                    .post("/rest/inventory/v1/sessions/action/disconnect").then()
                    .statusCode(200)
                    .body("status_code", equalTo(List.of(503, 503)))
                    .body("[0].errors[0].error_key", equalTo("common.service.unavailable"));
            // Liveness does not depend on Kafka; readiness does.
            RestAssured.get("/q/health/live").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    RestAssured.get("/q/health/ready").then().statusCode(503));
        } finally {
            infra.startKafka();
        }

        // The key was given back: the retry acts, once.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Api.withToken(token).header("Idempotency-Key", key).body(List.of(first.id(), second.id()))
                        .post("/rest/inventory/v1/sessions/action/disconnect").then()
                        .statusCode(200).body("status_code", equalTo(List.of(200, 200))));
        KafkaTestClient kafka = KafkaTestClient.shared();
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(kafka.readAll(Topics.SESSION_COMMANDS,
                        r -> r.key().equals(first.id()) || r.key().equals(second.id())))
                        .extracting(ConsumerRecord::key).containsExactlyInAnyOrder(first.id(), second.id()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200));
    }
}
