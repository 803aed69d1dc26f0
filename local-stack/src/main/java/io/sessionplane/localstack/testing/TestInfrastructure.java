package io.sessionplane.localstack.testing;

import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.keys.SigningKeys;
import java.nio.file.Path;

/**
 * The real Kafka and PostgreSQL a test JVM uses, chosen once per JVM:
 * <ol>
 * <li>servers named by environment variables ({@link ExternalInfrastructure}),</li>
 * <li>else Testcontainers when a Docker engine answers ({@link ContainerInfrastructure}),</li>
 * <li>else a broker and a PostgreSQL started from Maven Central jars ({@link EmbeddedInfrastructure}).</li>
 * </ol>
 * {@code SESSIONPLANE_TEST_INFRA=embedded|containers|external} forces one.
 */
public abstract class TestInfrastructure {
    public static final int TEST_PARTITIONS = 3;
    private static TestInfrastructure instance;

    /** The infrastructure of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            TestInfrastructure chosen = choose();
            try {
                chosen.start();
                chosen.createTopics();
            } catch (RuntimeException | Error e) {
                // Whatever did start is stopped, so a failed start leaves no broker or database behind.
                chosen.shutdown();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(chosen::shutdown, "sessionplane-test-infra-stop"));
            instance = chosen;
        }
        return instance;
    }

    private static TestInfrastructure choose() {
        String forced = System.getenv().getOrDefault("SESSIONPLANE_TEST_INFRA", "");
        if (forced.equals("external") || (forced.isEmpty() && ExternalInfrastructure.configured())) {
            return new ExternalInfrastructure();
        }
        if (forced.equals("containers") || (forced.isEmpty() && ContainerInfrastructure.dockerAvailable())) {
            return new ContainerInfrastructure();
        }
        return new EmbeddedInfrastructure(workDirectory());
    }

    /** Where embedded servers and generated keys live: a fresh folder under the module's target/. */
    static Path workDirectory() {
        return Path.of(System.getProperty("sessionplane.test.dir", "target/sessionplane-test")).toAbsolutePath();
    }

    private SigningKeys keys;

    protected abstract void start();

    protected abstract void shutdown();

    public abstract String kafkaBootstrapServers();

    /** Creates (if needed) the named database with its own user and returns how to reach it. */
    public abstract DatabaseCoordinates database(String name);

    /** Whether the test may stop and restart the servers (only the embedded ones). */
    public boolean restartable() {
        return false;
    }

    /** Freezes the broker (SIGSTOP): its connections stay open and nothing answers, as when it stalls. */
    public void freezeKafka() {
        throw new UnsupportedOperationException("only the embedded broker can be frozen by a test");
    }

    public void thawKafka() {
        throw new UnsupportedOperationException("only the embedded broker can be frozen by a test");
    }

    /** Freezes PostgreSQL (SIGSTOP to the postmaster and every backend). */
    public void freezePostgres() {
        throw new UnsupportedOperationException("only the embedded PostgreSQL can be frozen by a test");
    }

    public void thawPostgres() {
        throw new UnsupportedOperationException("only the embedded PostgreSQL can be frozen by a test");
    }

    /** Crashes PostgreSQL (SIGKILL to the postmaster and every backend); {@link #startPostgres()} recovers it. */
    public void killPostgres() {
        throw new UnsupportedOperationException("only the embedded PostgreSQL can be killed by a test");
    }

    /** Stops the broker, keeping its data and port. */
    public void stopKafka() {
        throw new UnsupportedOperationException("only the embedded broker can be stopped by a test");
    }

    public void startKafka() {
        throw new UnsupportedOperationException("only the embedded broker can be started by a test");
    }

    public void stopPostgres() {
        throw new UnsupportedOperationException("only the embedded PostgreSQL can be stopped by a test");
    }

    public void startPostgres() {
        throw new UnsupportedOperationException("only the embedded PostgreSQL can be started by a test");
    }

    public synchronized SigningKeys signingKeys() {
        if (keys == null) {
            keys = SigningKeys.inDirectory(workDirectory().resolve("keys"));
        }
        return keys;
    }

    public TokenMinter tokens() {
        return TokenMinter.signedWith(signingKeys().privateKey());
    }

    protected void createTopics() {
        io.sessionplane.localstack.kafka.KafkaBroker.createTopics(kafkaBootstrapServers(), Topics.all(), TEST_PARTITIONS);
    }

    /** Closes what was started (nulls skipped), continuing past failures so nothing is left running. */
    protected static void closeAll(AutoCloseable... servers) {
        for (AutoCloseable server : servers) {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.getLogger(TestInfrastructure.class.getName()).log(System.Logger.Level.WARNING,
                            "stopping a test server failed: {0}", e.toString());
                }
            }
        }
    }
}
