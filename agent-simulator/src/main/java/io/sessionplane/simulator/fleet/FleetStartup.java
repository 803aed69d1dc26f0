package io.sessionplane.simulator.fleet;

import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.kafka.KafkaClientSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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

    /** Keys of the inventory topic whose latest record is a snapshot (not a tombstone). */
    private Set<String> liveSessionIds() {
        Set<String> live = new HashSet<>();
        // Assigned partitions and no group: nothing to commit, so the agents' user needs no group ACL for it.
        Properties props = KafkaClientSettings.connection(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "agent-simulator-reconcile-" + UUID.randomUUID().toString()
                .substring(0, 8));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
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
