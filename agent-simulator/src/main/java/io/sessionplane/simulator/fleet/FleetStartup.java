package io.sessionplane.simulator.fleet;

import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.kafka.KafkaClientSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * At start the agents report in: sessions left on the compacted inventory topic by an earlier run that this fleet
 * no longer has are tombstoned, then every session's snapshot and every machine's WS1 Assist facts are published.
 */
@ApplicationScoped
public class FleetStartup {
    private static final Logger LOG = Logger.getLogger(FleetStartup.class);

    @Inject
    Fleet fleet;

    @Inject
    SimulatorConfig config;

    @Inject
    AgentReportProducer publisher;

    /** The connector's broker settings, security included (a secured cluster needs them for this reader too). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private final AtomicBoolean published = new AtomicBoolean();
    private final CompletableFuture<Void> remembered = new CompletableFuture<>();

    /** Completes once the commands an earlier run executed are known: commands are executed only after that. */
    public CompletionStage<Void> commandsRemembered() {
        return remembered;
    }

    public boolean published() {
        return published.get();
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::reportIn, "fleet-startup");
        thread.setDaemon(true);
        thread.start();
    }

    private void reportIn() {
        long started = System.currentTimeMillis();
        rememberExecutedCommands();
        try {
            Set<String> live = new HashSet<>(liveSessionIds());
            long now = System.currentTimeMillis();
            fleet.sessions(session -> true).forEach(session -> live.remove(session.id()));
            List<AgentFacts> facts = fleet.sessions(session -> session.assistFacts() != null).stream()
                    .map(SimSession::assistFacts).filter(Objects::nonNull).toList();
            publisher.ended(List.copyOf(live), now)
                    .chain(() -> publisher.snapshots(fleet.snapshots(now)))
                    .chain(() -> publisher.facts(facts))
                    .await().atMost(Duration.ofMinutes(30));
            published.set(true);
            LOG.infof("fleet of %d sessions published in %d ms (%d stale sessions of an earlier run ended)",
                    fleet.size(), System.currentTimeMillis() - started, live.size());
        } catch (RuntimeException e) {
            LOG.errorf(e, "publishing the fleet failed");
        }
    }

    /**
     * Reads the outcomes of the last {@code simulator.commands.remember-window} (each carries its command id): a
     * command redelivered after a crash of this process is then not executed a second time. Retried while the broker
     * is away; the command consumer waits for it.
     */
    private void rememberExecutedCommands() {
        Duration window = config.commands().rememberWindow();
        for (int attempt = 1; ; attempt++) {
            try {
                Set<String> commandIds = recentOutcomeCommandIds(System.currentTimeMillis() - window.toMillis());
                fleet.rememberExecuted(commandIds);
                LOG.infof("%d commands executed in the last %s are remembered", commandIds.size(), window);
                remembered.complete(null);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 30) {
                    LOG.errorf(e, "cannot read the recent outcomes; commands redelivered now may run twice");
                    remembered.complete(null);
                    return;
                }
                LOG.warnf("cannot read the recent outcomes yet (%s); retrying", e.getMessage());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private Set<String> recentOutcomeCommandIds(long since) {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = newReader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_OUTCOMES, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.offsetsForTimes(times).forEach((partition, found) -> {
                if (found == null) {
                    consumer.seek(partition, end.get(partition));
                } else {
                    consumer.seek(partition, found.offset());
                }
            });
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String commandId = commandIdOf(record.value());
                    if (commandId != null) {
                        ids.add(commandId);
                    }
                }
            }
        }
        return ids;
    }

    /** The command id of an outcome, without failing on what is not one (those are not this reader's concern). */
    private static String commandIdOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JsonCodec.mapper().readTree(value).path("command_id").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A reader of assigned partitions without a group: nothing to commit, so the agents' user needs no group ACL. */
    private KafkaConsumer<String, String> newReader() {
        Properties props = KafkaClientSettings.connection(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "agent-simulator-reconcile-" + UUID.randomUUID().toString()
                .substring(0, 8));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Keys of the inventory topic whose latest record is a snapshot (not a tombstone). */
    private Set<String> liveSessionIds() {
        Set<String> live = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = newReader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_INVENTORY, Duration.ofSeconds(60))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        live.remove(record.key());
                    } else {
                        live.add(record.key());
                    }
                }
            }
        }
        return live;
    }
}
