package io.sessionplane.localstack.kafka;

import io.sessionplane.contracts.kafka.TopicSpec;
import io.sessionplane.localstack.JavaProcess;
import io.sessionplane.localstack.Ports;
import io.sessionplane.localstack.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller, one node), in its own JVM, built from
 * the Kafka jars on Maven Central. Storage is formatted once; a later start on the same directory keeps the data.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    /**
     * @param dataDir        broker home: server.properties, log dirs, broker log
     * @param port           client listener port (0 = pick a free one)
     * @param controllerPort KRaft controller port (0 = pick a free one)
     * @param heap           -Xmx for the broker JVM
     * @param pidDir         where to record the pid for {@code stop}, or null
     */
    public record Settings(Path dataDir, int port, int controllerPort, String heap, Path pidDir) {
    }

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final Path pidDir;
    private Process process;

    public KafkaBroker(Settings settings) {
        this.dataDir = settings.dataDir().toAbsolutePath();
        this.port = Ports.orFree(settings.port());
        this.controllerPort = Ports.orFree(settings.controllerPort());
        this.heap = settings.heap();
        this.pidDir = settings.pidDir();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /** The broker JVM's pid, while it runs. */
    public synchronized long pid() {
        if (!running()) {
            throw new IllegalStateException("the broker is not running");
        }
        return process.pid();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and waits until it answers admin requests. */
    public synchronized KafkaBroker start(Duration timeout) {
        if (running()) {
            return this;
        }
        if (Ports.inUse(port)) {
            throw new IllegalStateException("port " + port + " is already in use; is another Kafka running?");
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path config = writeServerProperties();
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            process = JavaProcess.start("kafka", jvmArgs(), List.of("kafka.Kafka", config.toString()), Map.of(),
                    logFile(), pidDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(timeout);
        LOG.log(System.Logger.Level.INFO, "Kafka broker ready on {0}", bootstrapServers());
        return this;
    }

    private List<String> jvmArgs() {
        return List.of("-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", JavaProcess.localStackClasspath());
    }

    private Path writeServerProperties() throws IOException {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "6");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are part of the contract: created explicitly, never by a typo in a channel's config.
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("log.cleaner.min.compaction.lag.ms", "0");
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "SessionPlane local Kafka broker (KRaft, single node)");
        }
        return file;
    }

    private void format(Path config) throws IOException {
        Process formatter = JavaProcess.start("kafka-format", jvmArgs(),
                List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                Map.of(), logFile(), null);
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed:\n" + JavaProcess.tail(logFile(), 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Readiness.await("Kafka broker", timeout, Duration.ofMillis(250), process, logFile(), () -> {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                admin.listTopics().names().get(2, TimeUnit.SECONDS);
                return Boolean.TRUE;
            }
        });
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Creates the given topics if they do not exist yet; dead-letter topics get one partition. */
    public void createTopics(List<TopicSpec> topics, int partitions) {
        createTopics(bootstrapServers(), topics, partitions);
    }

    /** Creates topics on any cluster (a container or an external one too). */
    public static void createTopics(String bootstrapServers, List<TopicSpec> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                NewTopic topic = new NewTopic(spec.name(), spec.deadLetter() ? 1 : partitions, (short) 1);
                if (spec.compacted()) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
                            TopicConfig.SEGMENT_MS_CONFIG, "3600000"));
                }
                missing.add(topic);
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e, e);
        }
    }

    /** Stops the broker (controlled shutdown), keeping its data. */
    public synchronized void stop() {
        JavaProcess.stop("kafka", process, Duration.ofSeconds(30), pidDir);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
