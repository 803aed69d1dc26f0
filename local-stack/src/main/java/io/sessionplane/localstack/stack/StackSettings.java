package io.sessionplane.localstack.stack;

import io.sessionplane.localstack.Ports;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how the local stack runs. Every value has an environment variable (see {@link #fromEnvironment}).
 *
 * @param projectRoot   the checkout, whose modules' target/quarkus-app hold the built services
 * @param dataDir       Kafka log dirs, PostgreSQL data, keys, secrets, logs and pid files; kept across runs
 * @param simulatorSessions size of the simulated fleet
 * @param churnRate     simulated logins, logoffs and disconnects per second (0 = a still fleet)
 * @param javaOptions   JVM options of each service process
 * @param leanJavaOptions JVM options added for every service process but session-service's: they give memory back
 * @param consolePort   the helpdesk console's own port; 0 = a free port chosen at start
 */
public record StackSettings(Path projectRoot, Path dataDir, int gatewayPort, int kafkaPort, int kafkaControllerPort,
        int postgresPort, int sessionPort, int assistPort, int auditPort, int simulatorPort, int simulatorSessions,
        double churnRate, String javaOptions, String leanJavaOptions, int topicPartitions, int consolePort,
        int replicas) {

    /** The services' JVM options unless SESSIONPLANE_JAVA_OPTS says otherwise. */
    public static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx320m -XX:+UseSerialGC";

    /**
     * Added for assist-service, audit-service, the simulator and the console unless SESSIONPLANE_LEAN_JAVA_OPTS says
     * otherwise: trim the C heap every 5 s and return free Java heap sooner. Under the whole pipeline's load they took
     * assist-, audit-service and the simulator under 256 MiB RSS; session-service, whose CPU bounds the pipeline,
     * keeps its memory, as both cost it a quarter of its throughput there (bench/README, issue 15).
     */
    public static final String DEFAULT_LEAN_JAVA_OPTS =
            "-XX:TrimNativeHeapInterval=5000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

    /** The module whose JVM keeps {@link #javaOptions} alone. */
    private static final String FULL_MEMORY_MODULE = "session-service";

    public static StackSettings fromEnvironment(Path projectRoot) {
        Map<String, String> env = System.getenv();
        return new StackSettings(projectRoot,
                Path.of(env.getOrDefault("SESSIONPLANE_DATA_DIR", projectRoot.resolve(".sessionplane").toString())),
                port(env, "SESSIONPLANE_GATEWAY_PORT", 8080),
                port(env, "SESSIONPLANE_KAFKA_PORT", 19092),
                port(env, "SESSIONPLANE_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "SESSIONPLANE_POSTGRES_PORT", 15432),
                port(env, "SESSIONPLANE_SESSION_SERVICE_PORT", 8081),
                port(env, "SESSIONPLANE_ASSIST_SERVICE_PORT", 8082),
                port(env, "SESSIONPLANE_AUDIT_SERVICE_PORT", 8083),
                port(env, "SESSIONPLANE_SIMULATOR_PORT", 8084),
                Integer.parseInt(env.getOrDefault("SESSIONPLANE_SIMULATOR_SESSIONS", "200")),
                Double.parseDouble(env.getOrDefault("SESSIONPLANE_SIMULATOR_CHURN_RATE", "0.2")),
                // Full JIT: 10 s more to start than C1 alone, 3 to 6 times faster once up (README, "Local stack JVMs").
                env.getOrDefault("SESSIONPLANE_JAVA_OPTS", DEFAULT_JAVA_OPTS),
                env.getOrDefault("SESSIONPLANE_LEAN_JAVA_OPTS", DEFAULT_LEAN_JAVA_OPTS),
                Integer.parseInt(env.getOrDefault("SESSIONPLANE_TOPIC_PARTITIONS", "6")),
                port(env, "SESSIONPLANE_CONSOLE_PORT", 8085),
                // Instances of each service behind the gateway (the rolling-restart set-up); the simulator stays one.
                Integer.parseInt(env.getOrDefault("SESSIONPLANE_REPLICAS", "1")));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    /** Every port a distinct free one (tests and benchmarks); the console then takes a free port at start. */
    public StackSettings withFreePorts() {
        int[] p = Ports.free(8);
        return withPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    }

    /** Every port chosen by the caller; the console then takes a free port at start. */
    public StackSettings withPorts(int gateway, int kafka, int controller, int postgres, int session, int assist,
            int audit, int simulator) {
        return new StackSettings(projectRoot, dataDir, gateway, kafka, controller, postgres, session, assist, audit,
                simulator, simulatorSessions, churnRate, javaOptions, leanJavaOptions, topicPartitions, 0, replicas);
    }

    public StackSettings withConsolePort(int console) {
        return new StackSettings(projectRoot, dataDir, gatewayPort, kafkaPort, kafkaControllerPort, postgresPort,
                sessionPort, assistPort, auditPort, simulatorPort, simulatorSessions, churnRate, javaOptions,
                leanJavaOptions, topicPartitions, console, replicas);
    }

    public StackSettings withDataDir(Path dir) {
        return new StackSettings(projectRoot, dir, gatewayPort, kafkaPort, kafkaControllerPort, postgresPort,
                sessionPort, assistPort, auditPort, simulatorPort, simulatorSessions, churnRate, javaOptions,
                leanJavaOptions, topicPartitions, consolePort, replicas);
    }

    public StackSettings withFleet(int sessions, double churn) {
        return new StackSettings(projectRoot, dataDir, gatewayPort, kafkaPort, kafkaControllerPort, postgresPort,
                sessionPort, assistPort, auditPort, simulatorPort, sessions, churn, javaOptions, leanJavaOptions,
                topicPartitions, consolePort, replicas);
    }

    /** How many instances of session-, assist- and audit-service run behind the gateway. */
    public StackSettings withReplicas(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one replica");
        }
        return new StackSettings(projectRoot, dataDir, gatewayPort, kafkaPort, kafkaControllerPort, postgresPort,
                sessionPort, assistPort, auditPort, simulatorPort, simulatorSessions, churnRate, javaOptions,
                leanJavaOptions, topicPartitions, consolePort, count);
    }

    /** The JVM options of one module's processes. */
    public String javaOptionsOf(String module) {
        return module.equals(FULL_MEMORY_MODULE) ? javaOptions : (javaOptions + " " + leanJavaOptions).trim();
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path pidDir() {
        return dataDir.resolve("pids");
    }
}
