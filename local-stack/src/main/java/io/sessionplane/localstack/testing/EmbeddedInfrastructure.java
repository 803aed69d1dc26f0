package io.sessionplane.localstack.testing;

import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.ProcessSignals;
import io.sessionplane.localstack.kafka.KafkaBroker;
import io.sessionplane.localstack.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A Kafka broker JVM and an embedded PostgreSQL, both started by this test JVM on free ports. */
final class EmbeddedInfrastructure extends TestInfrastructure {
    private final Path dir;
    private KafkaBroker kafka;
    private PostgresServer postgres;

    EmbeddedInfrastructure(Path dir) {
        this.dir = dir;
    }

    @Override
    protected void start() {
        // Each run starts from empty servers; keys are regenerated too.
        Directories.deleteRecursively(dir.resolve("kafka"));
        Directories.deleteRecursively(dir.resolve("postgres"));
        Directories.deleteRecursively(dir.resolve("keys"));
        kafka = new KafkaBroker(new KafkaBroker.Settings(dir.resolve("kafka"), 0, 0, "512m", null));
        // Tests opt out of durability for speed: their servers are thrown away after the run. A module whose tests
        // need a commit to survive a crash sets sessionplane.test.postgres.durable=true (audit-service does).
        boolean durable = Boolean.getBoolean("sessionplane.test.postgres.durable")
                || "true".equalsIgnoreCase(System.getenv("SESSIONPLANE_TEST_POSTGRES_DURABLE"));
        postgres = new PostgresServer(dir.resolve("postgres"), 0, durable ? PostgresServer.Durability.DURABLE
                : PostgresServer.Durability.FAST);
        // Both take a few seconds; start them side by side.
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> kafka.start(Duration.ofSeconds(90)));
        try {
            postgres.start();
        } finally {
            // Awaited even when PostgreSQL failed, so the caller's shutdown finds the broker started, not starting.
            broker.join();
        }
    }

    @Override
    protected void shutdown() {
        closeAll(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public DatabaseCoordinates database(String name) {
        String password = "test-" + name;
        postgres.ensureDatabase(name, name, password);
        return DatabaseCoordinates.of("127.0.0.1", postgres.port(), name, password);
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public void freezeKafka() {
        ProcessSignals.freeze(kafka.pid());
    }

    @Override
    public void thawKafka() {
        ProcessSignals.thaw(kafka.pid());
    }

    @Override
    public void freezePostgres() {
        ProcessSignals.freeze(postgres.pid());
    }

    @Override
    public void thawPostgres() {
        ProcessSignals.thaw(postgres.pid());
    }

    @Override
    public void killPostgres() {
        postgres.kill();
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start(Duration.ofSeconds(90));
    }

    @Override
    public void stopPostgres() {
        postgres.stop();
    }

    @Override
    public void startPostgres() {
        postgres.start();
    }
}
