package io.sessionplane.localstack.testing;

import io.sessionplane.localstack.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka and PostgreSQL containers, where a Docker engine is available. */
final class ContainerInfrastructure extends TestInfrastructure {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private KafkaContainer kafka;
    private PostgreSQLContainer postgres;

    /** Cheap check first, so machines without Docker do not pay for Testcontainers' probing. */
    static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    protected void start() {
        kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
        kafka.start();
        postgres.start();
    }

    @Override
    protected void shutdown() {
        closeAll(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public DatabaseCoordinates database(String name) {
        String password = "test-" + name;
        PostgresServer.ensureDatabase(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), name, name,
                password);
        return DatabaseCoordinates.of(postgres.getHost(), postgres.getMappedPort(5432), name, password);
    }
}
