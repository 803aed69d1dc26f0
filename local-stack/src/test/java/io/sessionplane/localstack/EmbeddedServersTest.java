package io.sessionplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.DatabaseCoordinates;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    void recordsSurviveABrokerRestart() throws Exception {
        produce(Topics.ASSIST_RESPONSES, "before-restart");
        if (infra.restartable()) {
            infra.stopKafka();
            infra.startKafka();
        }
        produce(Topics.ASSIST_RESPONSES, "after-restart");
        assertThat(consumeAll(Topics.ASSIST_RESPONSES)).contains("before-restart", "after-restart");
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
        if (infra.restartable()) {
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

    private void produce(String topic, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private List<String> consumeAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
