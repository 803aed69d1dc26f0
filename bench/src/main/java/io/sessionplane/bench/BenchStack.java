package io.sessionplane.bench;

import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.Ports;
import io.sessionplane.localstack.Readiness;
import io.sessionplane.localstack.kafka.KafkaBroker;
import io.sessionplane.localstack.keys.SigningKeys;
import io.sessionplane.localstack.postgres.PostgresServer;
import io.sessionplane.localstack.stack.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers one benchmark needs, from scratch: a real Kafka broker and PostgreSQL, and services started with
 * production-like JVM settings (full JIT, fixed heap), not the local stack's start-fast settings.
 */
final class BenchStack implements AutoCloseable {
    static final String SERVICE_JVM = System.getenv().getOrDefault("BENCH_JAVA_OPTS",
            "-Xms512m -Xmx1g -XX:+UseParallelGC");
    static final int PARTITIONS = 6;

    final Path root;
    final Path dir;
    final KafkaBroker kafka;
    final PostgresServer postgres;
    final SigningKeys keys;
    private final List<ServiceProcess> services = new ArrayList<>();

    BenchStack(String name) {
        root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        dir = root.resolve("bench/target/data-" + name);
        Directories.deleteRecursively(dir);
        kafka = new KafkaBroker(new KafkaBroker.Settings(dir.resolve("kafka"), 0, 0, "1g", null));
        // As deployed: a commit survives a crash (issue 15 measures against a database that keeps what it acks).
        postgres = new PostgresServer(dir.resolve("postgres"), 0, PostgresServer.Durability.DURABLE);
        keys = SigningKeys.inDirectory(dir.resolve("keys"));
    }

    BenchStack start(boolean withPostgres) {
        try {
            kafka.start(Duration.ofMinutes(2));
            kafka.createTopics(Topics.all(), PARTITIONS);
            if (withPostgres) {
                postgres.start();
            }
        } catch (RuntimeException e) {
            // try-with-resources never sees a stack whose start failed: stop what did start here.
            close();
            throw e;
        }
        return this;
    }

    String database(String name) {
        postgres.ensureDatabase(name, name, "bench");
        return name;
    }

    Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), database, "bench");
    }

    /**
     * Waits until {@code countSql} (one count) on the database reaches {@code expected}, looking every 250 ms; a
     * stalled service fails the run after the timeout instead of hanging it.
     */
    void awaitCount(String database, String countSql, long expected, Duration timeout) throws SQLException {
        try (Connection connection = jdbc(database); Statement statement = connection.createStatement()) {
            Readiness.await(countSql + " reaching " + expected, timeout, Duration.ofMillis(250), null, null, () -> {
                try (ResultSet rows = statement.executeQuery(countSql)) {
                    rows.next();
                    long count = rows.getLong(1);
                    if (count < expected) {
                        throw new IllegalStateException(count + " so far");
                    }
                    return count;
                }
            });
        }
    }

    /** Starts a service (profile dev, for the demo operators) against this stack; waits until ready. */
    ServiceProcess service(String name, String database, Map<String, String> extra) {
        int port = Ports.free();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "dev");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString());
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKeyFile().toUri().toString());
        env.put("QUARKUS_LOG_CATEGORY__IO_SESSIONPLANE__LEVEL", "WARN");
        if (database != null) {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", database);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "bench");
        }
        env.putAll(extra);
        ServiceProcess service = new ServiceProcess(name, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                port, env, SERVICE_JVM, dir.resolve("logs"), null);
        service.start();
        services.add(service);
        service.awaitReady(Duration.ofMinutes(5));
        return service;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        kafka.stop();
        postgres.stop();
    }
}
