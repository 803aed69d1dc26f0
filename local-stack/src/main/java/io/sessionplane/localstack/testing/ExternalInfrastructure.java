package io.sessionplane.localstack.testing;

import io.sessionplane.localstack.postgres.PostgresServer;
import java.net.URI;

/**
 * Servers someone else runs, named by environment variables:
 * {@code SESSIONPLANE_TEST_KAFKA_BOOTSTRAP_SERVERS} and {@code SESSIONPLANE_TEST_POSTGRES_URL}
 * (a JDBC URL of a database the {@code SESSIONPLANE_TEST_POSTGRES_USER}/{@code _PASSWORD} superuser can use to
 * create each service's database).
 */
final class ExternalInfrastructure extends TestInfrastructure {
    private static final String KAFKA = "SESSIONPLANE_TEST_KAFKA_BOOTSTRAP_SERVERS";
    private static final String POSTGRES = "SESSIONPLANE_TEST_POSTGRES_URL";

    static boolean configured() {
        return System.getenv(KAFKA) != null && System.getenv(POSTGRES) != null;
    }

    @Override
    protected void start() {
        if (!configured()) {
            throw new IllegalStateException("set " + KAFKA + " and " + POSTGRES + " to use external servers");
        }
    }

    @Override
    protected void shutdown() {
        // not ours to stop
    }

    @Override
    public String kafkaBootstrapServers() {
        return System.getenv(KAFKA);
    }

    @Override
    public DatabaseCoordinates database(String name) {
        String adminUrl = System.getenv(POSTGRES);
        String adminUser = System.getenv().getOrDefault("SESSIONPLANE_TEST_POSTGRES_USER", "postgres");
        String adminPassword = System.getenv().getOrDefault("SESSIONPLANE_TEST_POSTGRES_PASSWORD", "");
        String password = "test-" + name;
        PostgresServer.ensureDatabase(adminUrl, adminUser, adminPassword, name, name, password);
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return DatabaseCoordinates.of(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), name, password);
    }
}
