package io.sessionplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.DatabaseCoordinates;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The servers every other module's tests rely on are real and keep data across a restart. */
class EmbeddedServersTest {
    private final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void topicsExistWithTheirPartitionsAndCompaction() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.SESSION_COMMANDS,
                    Topics.SESSION_INVENTORY, Topics.dlq(Topics.SESSION_OUTCOMES))).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get(Topics.SESSION_COMMANDS).partitions()).hasSize(TestInfrastructure.TEST_PARTITIONS);
            assertThat(topics.get(Topics.dlq(Topics.SESSION_OUTCOMES)).partitions()).hasSize(1);
            ConfigResource inventory = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_INVENTORY);
            String policy = admin.describeConfigs(List.of(inventory)).all().get(10, TimeUnit.SECONDS).get(inventory)
                    .get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void recordsSurviveABrokerRestart() {
        Assumptions.assumeTrue(infra.restartable(), "needs servers this JVM started and may restart");
        // Unique values: a reused external broker may hold records of earlier runs.
        String before = "before-restart-" + UUID.randomUUID();
        String after = "after-restart-" + UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            kafka.send(Topics.ASSIST_RESPONSES, "key", before);
        }
        infra.stopKafka();
        infra.startKafka();
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            kafka.send(Topics.ASSIST_RESPONSES, "key", after);
            assertThat(kafka.await(Topics.ASSIST_RESPONSES, r -> before.equals(r.value()) || after.equals(r.value()), 2,
                    Duration.ofSeconds(30))).extracting(ConsumerRecord::value).containsExactly(before, after);
        }
    }

    @Test
    void eachServiceGetsItsOwnDatabaseAndUser() throws Exception {
        DatabaseCoordinates db = infra.database("sessions_check");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id int primary key)");
            statement.execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
            try (ResultSet rows = statement.executeQuery("SELECT current_user, current_database(), count(*) FROM probe")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("sessions_check");
                assertThat(rows.getString(2)).isEqualTo("sessions_check");
                assertThat(rows.getLong(3)).isEqualTo(1);
            }
        }
    }

    @Test
    void rowsSurviveAPostgresRestart() throws Exception {
        Assumptions.assumeTrue(infra.restartable(), "needs servers this JVM started and may restart");
        DatabaseCoordinates db = infra.database("restart_check");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id int primary key)");
            statement.execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
        }
        infra.stopPostgres();
        infra.startPostgres();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM probe")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }
}
