package io.sessionplane.kit.auth.revocation;

import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the whole of {@code auth.revocations.v1} on its own thread (poll blocks), every partition assigned and no
 * consumer group: each instance must see every revocation, not a share of them. A failed consumer is replaced and
 * reads from the start again (revoking twice changes nothing).
 */
final class RevocationTailer implements Runnable {
    private static final Logger LOG = Logger.getLogger(RevocationTailer.class);
    private static final String TOPIC = Topics.AUTH_REVOCATIONS;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final long FORGET_EVERY_MILLIS = 60_000;

    private final Map<String, Object> kafka;
    private final RevokedTokens revoked;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;

    RevocationTailer(Map<String, Object> kafka, RevokedTokens revoked) {
        this.kafka = kafka;
        this.revoked = revoked;
        this.thread = new Thread(this, "token-revocations-tailer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, String> reading = newConsumer()) {
                consumer = reading;
                List<TopicPartition> partitions = assignAll(reading);
                reading.seekToBeginning(partitions);
                Map<TopicPartition, Long> startEnd = reading.endOffsets(partitions);
                long lastForget = System.currentTimeMillis();
                while (running) {
                    for (ConsumerRecord<String, String> record : reading.poll(POLL)) {
                        apply(record);
                    }
                    if (!caughtUp && startEnd.entrySet().stream()
                            .allMatch(end -> reading.position(end.getKey()) >= end.getValue())) {
                        caughtUp = true;
                        LOG.debugf("read every token revocation of %s (%d live)", TOPIC, revoked.size());
                    }
                    if (System.currentTimeMillis() - lastForget > FORGET_EVERY_MILLIS) {
                        revoked.forgetExpired();
                        lastForget = System.currentTimeMillis();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the poll
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("the token revocation consumer failed (%s); retrying in %s", e.getMessage(), RETRY);
                    sleep();
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            revoked.revoke(JsonCodec.read(record.value(), TokenRevocation.class));
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable token revocation %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties props = KafkaClientSettings.connection(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "token-revocations-" + UUID.randomUUID().toString().substring(0, 8));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<String, String> consumer) {
        var infos = consumer.partitionsFor(TOPIC);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(TOPIC + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(TOPIC, info.partition())));
        consumer.assign(partitions);
        return partitions;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
