package io.sessionplane.assist;

import static io.restassured.RestAssured.given;
import static io.sessionplane.assist.AssistFixtures.FINANCE;
import static io.sessionplane.assist.AssistFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * State and events agree whatever fails between the two steps: a transition commits its state and its records to
 * the outbox together, and the relay publishes them after the commit. With the broker stalled right after the
 * commit (the failure between the two steps), the transition still happened and its events follow, once each, when
 * the broker answers again; a transition that did not commit publishes nothing.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "assist"))
class ShareSpaceOutboxTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();
    static final String HELPER = token(FINANCE, "MACHINE_VIEW", "REMOTE_ASSISTANCE");
    static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 60_000));

    @Inject
    Pool pool;

    static String path(String desktop) {
        return "/v2/demo/desktops/" + desktop + "/remote-assistance";
    }

    long waiting() {
        return pool.query("SELECT count(*) AS n FROM outbox").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("n");
    }

    @Test
    void aTransitionCommittedWhileTheBrokerStallsIsPublishedOnceWhenItAnswersAgain() {
        Assumptions.assumeTrue(TestInfrastructure.get().restartable(), "needs the embedded broker, which a test may"
                + " freeze");
        SessionSnapshot desktop = AssistFixtures.desktop(kafka, FINANCE, false);
        String machine = desktop.session().machineId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(HELPER)
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", desktop.session().id()).then()
                .statusCode(200));

        TestInfrastructure.get().freezeKafka();
        String spaceId;
        try {
            // The space is created (its state committed) without the broker: the invitation and the outcome wait in
            // the outbox, nothing is lost and the operator is not kept waiting.
            spaceId = given().config(PATIENT).auth().oauth2(HELPER).post(path(machine)).then().statusCode(200)
                    .body("status", equalTo("WAIT_USER_CONFIRM")).extract().path("share_space_id");
            given().config(PATIENT).auth().oauth2(HELPER).get(path(machine)).then().statusCode(200)
                    .body("share_space_id", equalTo(spaceId));
            given().config(PATIENT).auth().oauth2(HELPER).delete(path(machine)).then().statusCode(204);
            assertThat(waiting()).as("records waiting in the outbox").isGreaterThanOrEqualTo(4);
        } finally {
            TestInfrastructure.get().thawKafka();
        }

        // Once each, in the order they happened: invited, then withdrawn; requested, then cancelled.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(waiting()).isZero());
        String id = spaceId;
        List<ConsumerRecord<String, String>> outcomes = kafka.readAll(Topics.ASSIST_OUTCOMES,
                r -> r.value() != null && r.value().contains(id));
        assertThat(outcomes).extracting(r -> JsonCodec.read(r.value(), AssistOutcome.class).eventType())
                .containsExactly(EventType.REMOTE_ASSISTANCE_REQUESTED, EventType.REMOTE_ASSISTANCE_CANCELLED);
        List<ConsumerRecord<String, String>> invitations = kafka.readAll(Topics.ASSIST_INVITATIONS,
                r -> r.value() != null && r.value().contains(id));
        assertThat(invitations).extracting(r -> JsonCodec.read(r.value(), ShareSpaceInvitation.class).kind())
                .containsExactly(InvitationKind.INVITE, InvitationKind.WITHDRAW);
        assertThat(outcomes).allSatisfy(r -> assertThat(r.key()).isEqualTo(desktop.session().id()));
    }

    @Test
    void aTransitionThatDoesNotCommitPublishesNothing() {
        SessionSnapshot desktop = AssistFixtures.desktop(kafka, FINANCE, false);
        String machine = desktop.session().machineId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(HELPER)
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", desktop.session().id()).then()
                .statusCode(200));
        String first = given().auth().oauth2(HELPER).post(path(machine)).then().statusCode(200)
                .extract().path("share_space_id");
        // A second space on the same desktop fails on the live-space constraint: its insert and its outbox records
        // roll back together.
        given().auth().oauth2(HELPER).post(path(machine)).then().statusCode(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(waiting()).isZero());
        List<ConsumerRecord<String, String>> requested = kafka.readAll(Topics.ASSIST_OUTCOMES,
                r -> r.value() != null && r.value().contains(machine)
                        && r.value().contains(EventType.REMOTE_ASSISTANCE_REQUESTED.name()));
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).value()).contains(first);
    }
}
