package io.sessionplane.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sessionplane.contracts.auth.TokenClaims;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: points the application under test at the real Kafka and PostgreSQL of
 * {@link TestInfrastructure} and at this run's token keys. Init arg {@code database} names the service's database
 * (omit it for services without one).
 */
public class LocalInfraResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        config.put("quarkus.devservices.enabled", "false");
        config.put("mp.jwt.verify.publickey.location", infra.signingKeys().publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TokenClaims.DEFAULT_ISSUER);
        config.put("smallrye.jwt.sign.key.location", infra.signingKeys().privateKeyFile().toUri().toString());
        if (database != null) {
            DatabaseCoordinates db = infra.database(database);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one application start (test profiles restart the app); the JVM exit stops them.
    }
}
