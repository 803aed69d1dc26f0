package io.sessionplane.session.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.session.config.SessionServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * Runs the topology that writes the public stream {@code session.events.v1} from the internal topics, inside
 * session-service (the Quarkus Kafka Streams extension is not served here, so its lifecycle is tied to startup and
 * shutdown by hand). Replicas share the work by partition, like any consumer group.
 */
@ApplicationScoped
public class SessionEventStream {
    private static final Logger LOG = Logger.getLogger(SessionEventStream.class);
    static final String INVENTORY = "inventory";
    static final String COMMANDS = "commands";
    static final String OUTCOMES = "outcomes";
    static final String ASSIST = "assist-outcomes";
    static final String TIMELINE = "timeline";

    @Inject
    SessionServiceConfig config;

    private volatile KafkaStreams streams;

    void start(@Observes StartupEvent startup) {
        SessionServiceConfig.Events events = config.events();
        if (!events.enabled()) {
            LOG.info("session event stream disabled (sessionplane.events.enabled=false)");
            return;
        }
        KafkaStreams started = new KafkaStreams(topology(events.endedRetention()), properties(events));
        // A failed stream thread is replaced: the transaction it held aborts and its partitions are reprocessed.
        started.setUncaughtExceptionHandler(e -> {
            LOG.errorf(e, "session event stream thread failed; replacing it");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.start();
        streams = started;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        KafkaStreams running = streams;
        if (running != null) {
            // Kafka Streams 4.1 closes a dynamic member without leaving the group (CloseOptions.leaveGroup acts on
            // static members only); the group drops it after main.consumer.session.timeout.ms (application.properties).
            running.close(Duration.ofSeconds(10));
        }
    }

    /** The state, for readiness: null when disabled. */
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? null : running.state();
    }

    static Topology topology(Duration endedRetention) {
        Topology topology = new Topology();
        var keys = Serdes.String().deserializer();
        var values = Serdes.String().deserializer();
        topology.addSource(INVENTORY, keys, values, Topics.SESSION_INVENTORY);
        topology.addSource(COMMANDS, keys, values, Topics.SESSION_COMMANDS);
        topology.addSource(OUTCOMES, keys, values, Topics.SESSION_OUTCOMES);
        topology.addSource(ASSIST, keys, values, Topics.ASSIST_OUTCOMES);
        topology.addProcessor(TIMELINE, () -> new SessionTimelineProcessor(endedRetention), INVENTORY, COMMANDS,
                OUTCOMES, ASSIST);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(
                SessionTimelineProcessor.STORE), Serdes.String(), new JsonSerde<>(TimelineState.class)), TIMELINE);
        topology.addSink("events", Topics.SESSION_EVENTS, Serdes.String().serializer(), Serdes.String().serializer(),
                TIMELINE);
        return topology;
    }

    private static Properties properties(SessionServiceConfig.Events events) {
        Properties props = new Properties();
        props.putAll(events.kafka());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, events.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, events.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(events.commitInterval().toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(events.threads()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(events).toString());
        // Input records are taken in timestamp order across the four topics of a partition: a command is told
        // before its outcome, the outcome before the snapshot that follows it.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
        return props;
    }

    /** The stores live in memory (restored from their changelog); the directory only holds locks and checkpoints. */
    private static Path stateDir(SessionServiceConfig.Events events) {
        try {
            return events.stateDir().isPresent() ? Files.createDirectories(Path.of(events.stateDir().get()))
                    : Files.createTempDirectory("sessionplane-events-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event stream's state directory", e);
        }
    }
}
