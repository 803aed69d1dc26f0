package io.sessionplane.localstack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.JavaProcess;
import io.sessionplane.localstack.Readiness;
import io.sessionplane.localstack.gateway.DevGateway;
import io.sessionplane.localstack.gateway.GatewayRoutes;
import io.sessionplane.localstack.kafka.KafkaBroker;
import io.sessionplane.localstack.keys.SigningKeys;
import io.sessionplane.localstack.postgres.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system on one machine without Docker: PostgreSQL and Kafka (real servers), the three services, the
 * agent simulator and the dev gateway, started in dependency order and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final StackSettings settings;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private DevGateway gateway;
    private String sampleSessionId;
    private long startedMillis;
    private int consolePort;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public StackSettings settings() {
        return settings;
    }

    public String gatewayUrl() {
        return "http://localhost:" + settings.gatewayPort();
    }

    /** The helpdesk console, through the gateway (its page is at /). */
    public String consoleUrl() {
        return gatewayUrl() + "/";
    }

    /** The console's own port (0 before start). */
    public int consolePort() {
        return consolePort;
    }

    public String sampleSessionId() {
        return sampleSessionId;
    }

    public LocalStack start() {
        long begin = System.currentTimeMillis();
        try {
            Files.createDirectories(settings.logDir());
            StackSecrets secrets = StackSecrets.in(settings.dataDir());
            SigningKeys keys = SigningKeys.inDirectory(settings.dataDir().resolve("keys"));

            postgres = new PostgresServer(settings.dataDir().resolve("postgres"), settings.postgresPort(),
                    PostgresServer.Durability.DURABLE);
            kafka = new KafkaBroker(new KafkaBroker.Settings(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.kafkaControllerPort(), "512m", settings.pidDir()));
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> kafka.start(Duration.ofSeconds(120)));
            postgres.start();
            for (String database : List.of("sessions", "assist", "audit")) {
                postgres.ensureDatabase(database, database, secrets.databasePassword(database));
            }
            broker.join();
            kafka.createTopics(Topics.all(), settings.topicPartitions());
            LOG.log(System.Logger.Level.INFO, "PostgreSQL and Kafka are up");

            Map<String, String> common = Map.of(
                    "QUARKUS_PROFILE", "dev",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString(),
                    "OTEL_SDK_DISABLED", "true",
                    // glibc gives each thread that allocates natively an arena of its own (up to 8 per core), and
                    // a JVM with a few dozen threads keeps tens of MiB of them resident; two arenas are plenty.
                    "MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
            for (int replica = 0; replica < settings.replicas(); replica++) {
                services.add(service("session-service", replica, port(settings.sessionPort(), replica),
                        database(common, "sessions", secrets),
                        Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKeyFile().toUri().toString())));
                services.add(service("assist-service", replica, port(settings.assistPort(), replica),
                        database(common, "assist", secrets), Map.of("ASSIST_PASSWORD_KEY", secrets.assistPasswordKey())));
                services.add(service("audit-service", replica, port(settings.auditPort(), replica),
                        database(common, "audit", secrets), Map.of()));
            }
            services.add(service("agent-simulator", 0, settings.simulatorPort(), common, Map.of(
                    "SIMULATOR_SESSIONS", Integer.toString(settings.simulatorSessions()),
                    "SIMULATOR_CHURN_RATE", Double.toString(settings.churnRate()))));
            // The console serves static files only: no database, no Kafka, no keys.
            consolePort = settings.consolePort() > 0 ? settings.consolePort() : io.sessionplane.localstack.Ports.free();
            services.add(service("console", 0, consolePort, Map.of("QUARKUS_PROFILE", "prod"), Map.of()));
            services.forEach(ServiceProcess::start);
            services.stream().map(service -> CompletableFuture.runAsync(() -> service.awaitReady(Duration.ofMinutes(4))))
                    .toList().forEach(CompletableFuture::join);
            LOG.log(System.Logger.Level.INFO, "services are ready");

            // Loopback unless the operator asks for more (SESSIONPLANE_GATEWAY_HOST=0.0.0.0).
            gateway = new DevGateway(System.getenv().getOrDefault("SESSIONPLANE_GATEWAY_HOST", "127.0.0.1"),
                    settings.gatewayPort(), Map.of(
                    GatewayRoutes.SESSION_SERVICE, ports("session-service"),
                    GatewayRoutes.ASSIST_SERVICE, ports("assist-service"),
                    GatewayRoutes.AUDIT_SERVICE, ports("audit-service"),
                    GatewayRoutes.CONSOLE, List.of(consolePort)));
            sampleSessionId = awaitDemoData(Duration.ofMinutes(2));
            startedMillis = System.currentTimeMillis() - begin;
            return this;
        } catch (IOException e) {
            close();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first replica on the configured port, the others on free ones. */
    private static int port(int configured, int replica) {
        return replica == 0 ? configured : io.sessionplane.localstack.Ports.free();
    }

    /** Replica 0 is named after its module (session-service), the others session-service-2, -3 … */
    private ServiceProcess service(String module, int replica, int port, Map<String, String> base,
            Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(extra);
        Path jar = settings.projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        String name = replica == 0 ? module : module + "-" + (replica + 1);
        return new ServiceProcess(name, jar, port, env, settings.javaOptionsOf(module), settings.logDir(),
                settings.pidDir());
    }

    private List<Integer> ports(String module) {
        return instances(module).stream().map(ServiceProcess::port).toList();
    }

    /** The running instances of a module (one each but with replicas), replica 0 first. */
    public List<ServiceProcess> instances(String module) {
        return services.stream().filter(service -> service.name().equals(module)
                || service.name().matches(java.util.regex.Pattern.quote(module) + "-\\d+")).toList();
    }

    /**
     * Stops an instance as a rolling restart does (SIGTERM: its readiness goes DOWN, the gateway stops sending it
     * requests, in-flight work drains), starts it again and waits until it is ready.
     */
    public void restart(ServiceProcess instance) {
        instance.close();
        instance.start();
        instance.awaitReady(Duration.ofMinutes(3));
    }

    /** The servers, for fault injection (the chaos suite freezes and kills them). */
    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    private Map<String, String> database(Map<String, String> common, String database, StackSecrets secrets) {
        Map<String, String> env = new HashMap<>(common);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", secrets.databasePassword(database));
        return env;
    }

    /**
     * Logs in through the gateway and waits until session-service serves the simulated fleet; returns one connected
     * session's id for the example curl.
     */
    private String awaitDemoData(Duration timeout) {
        int expected = Math.max(1, Math.min(settings.simulatorSessions(), 1000) * 8 / 10);
        // One login (a deliberately slow PBKDF2 check) serves every probe; its token outlives the wait.
        String[] token = new String[1];
        return Readiness.await("the simulated sessions", timeout, Duration.ofSeconds(1), null, null, () -> {
            if (token[0] == null) {
                token[0] = login("admin", "admin");
            }
            JsonNode sessions = get("/rest/inventory/v1/sessions?size=1000", token[0]);
            if (!sessions.isArray() || sessions.size() < expected) {
                throw new IllegalStateException("only " + sessions.size() + " session(s) so far");
            }
            for (JsonNode session : sessions) {
                if ("CONNECTED".equals(session.path("session_state").asText())
                        && !session.path("resourced_remotely").asBoolean()) {
                    return session.get("id").asText();
                }
            }
            return sessions.get(0).get("id").asText();
        });
    }

    /** POST /rest/login through the gateway; returns the access token. */
    public String login(String user, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("domain", "LOCAL", "username", user, "password", password));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/rest/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** What to tell the person who started the stack. */
    public String banner() {
        String gatewayUrl = gatewayUrl();
        return String.join(System.lineSeparator(),
                "",
                "SessionPlane is up (" + startedMillis / 1000 + " s).",
                "",
                "  Console          " + consoleUrl() + "   <- open this in a browser (sign in as helpdesk/helpdesk)",
                "  API gateway      " + gatewayUrl + "   <- scripts and curl use this one",
                "  session-service  http://localhost:" + settings.sessionPort() + "/q/openapi  /q/health  /q/metrics",
                "  assist-service   http://localhost:" + settings.assistPort() + "/q/openapi",
                "  audit-service    http://localhost:" + settings.auditPort() + "/q/openapi",
                "  console          http://localhost:" + consolePort + "/ (static files; /q/health)",
                "  agent-simulator  http://localhost:" + settings.simulatorPort() + "/simulator/sessions ("
                        + settings.simulatorSessions() + " simulated sessions)",
                "  Kafka            " + kafka.bootstrapServers() + "    PostgreSQL 127.0.0.1:" + postgres.port()
                        + " (databases sessions, assist, audit)",
                "",
                "  Demo logins (domain LOCAL): admin/admin (every privilege), helpdesk/helpdesk (Finance only)",
                "",
                "  Try it:",
                "    TOKEN=$(curl -s -X POST " + gatewayUrl + "/rest/login -H 'Content-Type: application/json' \\",
                "      -d '{\"domain\":\"LOCAL\",\"username\":\"admin\",\"password\":\"admin\"}' \\",
                "      | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
                "    curl -H \"Authorization: Bearer $TOKEN\" " + gatewayUrl + "/rest/inventory/v1/sessions/"
                        + sampleSessionId,
                "",
                "  Logs: " + settings.logDir() + "    Stop: Ctrl-C (or ./sessionplane stop)",
                "");
    }

    /** Stops everything this stack started, newest first; data stays for the next start. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        List<ServiceProcess> reverse = new ArrayList<>(services);
        java.util.Collections.reverse(reverse);
        reverse.stream().map(service -> CompletableFuture.runAsync(service::close)).toList()
                .forEach(CompletableFuture::join);
        services.clear();
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** The end of every log (the broker's and each service's), for error reports; works after a failed start too. */
    public String tails(int lines) {
        List<Path> logs = new ArrayList<>();
        if (kafka != null) {
            logs.add(kafka.logFile());
        }
        try (Stream<Path> files = Files.list(settings.logDir())) {
            files.filter(file -> file.toString().endsWith(".log")).sorted().forEach(logs::add);
        } catch (IOException e) {
            logs.add(settings.logDir());
        }
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            text.append("== ").append(log.getFileName()).append('\n').append(JavaProcess.tail(log, lines)).append('\n');
        }
        return text.toString();
    }
}
