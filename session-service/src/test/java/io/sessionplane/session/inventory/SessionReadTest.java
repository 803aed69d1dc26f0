package io.sessionplane.session.inventory;

import static io.restassured.RestAssured.given;
import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionReadTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();
    static final String INVENTORY_GROUP = "session-service-inventory";

    static void awaitVisible(String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/sessions/{id}", id).then().statusCode(200));
    }

    @Test
    void aPublishedSnapshotIsServedWithTheHorizonFieldNames() {
        SessionFixture fixture = session().publish(kafka);
        awaitVisible(fixture.id());

        Api.as("admin").get("/rest/inventory/v1/sessions/{id}", fixture.id()).then()
                .statusCode(200)
                .body("id", equalTo(fixture.id()))
                .body("access_group_id", equalTo(DemoAccessGroups.FINANCE))
                .body("session_state", equalTo("CONNECTED"))
                .body("session_type", equalTo("DESKTOP"))
                .body("client_data.location_id", equalTo("loc-1"))
                .body("security_gateway_data.domain_name", equalTo("uag.example.com"))
                .body("last_session_duration_ms", equalTo(120000))
                .body("$", not(hasKey("guid")))
                .body("$", not(hasKey("pod_id")));
    }

    @Test
    void aNewerSnapshotReplacesAndAnOlderOneIsIgnored() {
        // Times in the past: agents' times beyond the clock skew ahead are refused (AgentClock).
        long observed = System.currentTimeMillis() - 60_000;
        SessionFixture fixture = session().observedAt(observed).publish(kafka);
        awaitVisible(fixture.id());
        fixture.state(SessionState.DISCONNECTED).observedAt(observed - 3_600_000).publish(kafka);
        fixture.agentVersion("9.0.0").state(SessionState.CONNECTED).observedAt(observed + 1).publish(kafka);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/sessions/{id}", fixture.id()).then()
                .body("agent_version", equalTo("9.0.0"))
                .body("session_state", equalTo("CONNECTED")));
    }

    @Test
    void twoConsumersOfTheGroupShareTheInventoryPartitionsAndFeedOneReadModel() throws Exception {
        List<SessionFixture> fixtures = IntStream.range(0, 12).mapToObj(i -> session().publish(kafka)).toList();
        fixtures.forEach(fixture -> awaitVisible(fixture.id()));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.SESSION_INVENTORY)).allTopicNames().get()
                    .get(Topics.SESSION_INVENTORY).partitions().size();
            // A consumer of a test profile's earlier app may still be leaving the group: wait for the settled one.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(INVENTORY_GROUP)).all().get()
                        .get(INVENTORY_GROUP);
                assertThat(group.members()).hasSize(2)
                        .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
                assertThat(group.members().stream().flatMap(member -> member.assignment().topicPartitions().stream())
                        .filter(partition -> partition.topic().equals(Topics.SESSION_INVENTORY))
                        .map(TopicPartition::partition).distinct().count()).isEqualTo(partitions);
            });
        }
    }

    @Test
    void aTombstoneRemovesTheSession() {
        SessionFixture fixture = session().publish(kafka);
        awaitVisible(fixture.id());
        kafka.send(Topics.SESSION_INVENTORY, fixture.id(), null, Map.of());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.as("admin")
                .get("/rest/inventory/v1/sessions/{id}", fixture.id()).then()
                .statusCode(404)
                .body("error_key", equalTo("inventory.session.not.found")));
    }

    @Test
    void unknownSessionIs404WithTheHorizonErrorBody() {
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}", "no-such-session").then()
                .statusCode(404)
                .body("error_key", equalTo("inventory.session.not.found"))
                .body("error_message", not(nullValue()));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().get("/rest/inventory/v1/sessions/{id}", "x").then()
                .statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
    }
}
