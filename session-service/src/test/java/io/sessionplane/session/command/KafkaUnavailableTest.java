package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
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

/**
 * With the broker stopped, commands are answered 503; a retry with the same Idempotency-Key is accepted once it is
 * back, and whatever reached the topic carries the retry's command ids.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class KafkaUnavailableTest {

    @Test
    void commandsAre503WhileTheBrokerIsDownAndTheirRetryActsOnce() {
        TestInfrastructure infra = TestInfrastructure.get();
        Assumptions.assumeTrue(infra.restartable(), "needs the embedded broker, which a test may stop");
        SessionFixture first = session();
        SessionFixture second = session();
        SessionFixture.publishAndAwait(first, second);
        String token = Api.token("admin");
        String key = UUID.randomUUID().toString();

        infra.stopKafka();
        try {
            // Each item 503 when the sends fail within the request deadline, or the whole request 503 when they
            // cannot finish by then: both in the documented body.
            var answer = Api.withToken(token).header("Idempotency-Key", key).body(List.of(first.id(), second.id()))
                    .post("/rest/inventory/v1/sessions/action/disconnect").then().extract();
            if (answer.statusCode() == 200) {
                assertThat(answer.jsonPath().getList("status_code")).containsExactly(503, 503);
                assertThat(answer.jsonPath().getString("[0].errors[0].error_key"))
                        .isEqualTo("common.service.unavailable");
            } else {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isNotBlank();
                assertThat(answer.jsonPath().getString("error_key")).isEqualTo("common.service.unavailable");
            }
            // Liveness does not depend on Kafka; readiness does.
            RestAssured.get("/q/health/live").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    RestAssured.get("/q/health/ready").then().statusCode(503));
        } finally {
            infra.startKafka();
        }

        // The key was given back: the retry is accepted under the command ids the first attempt used.
        List<String> commandIds = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> commandIds.addAll(
                Api.withToken(token).header("Idempotency-Key", key).body(List.of(first.id(), second.id()))
                        .post("/rest/inventory/v1/sessions/action/disconnect").then()
                        .statusCode(200).body("status_code", equalTo(List.of(200, 200)))
                        .extract().jsonPath().getList("command_id", String.class)));
        // A send the broker wrote just before it stopped cannot be told from a lost one (that is what the 503
        // says: not known to be durable). Whatever reached the topic carries those same ids, one per session,
        // so agents, which execute a command id once, act once.
        KafkaTestClient kafka = KafkaTestClient.shared();
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<ConsumerRecord<String, String>> records = kafka.readAll(Topics.SESSION_COMMANDS,
                            r -> r.key().equals(first.id()) || r.key().equals(second.id()));
                    assertThat(records).extracting(ConsumerRecord::key).contains(first.id(), second.id());
                    assertThat(records).extracting(r -> JsonCodec.read(r.value(), SessionCommand.class).commandId())
                            .containsOnlyElementsOf(commandIds);
                });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200));
    }
}
