package io.sessionplane.bench;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/** Realistic records for the benchmarks, and a fast producer for pre-loading topics. */
final class BenchData {
    static final List<String> GROUPS = List.of("6fd4638a-381f-4518-aed6-042aa3d9f14c",
            "2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11", "8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22",
            "c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33");

    private BenchData() {
    }

    static SessionSnapshot session(Random random, int n, long now) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        String group = GROUPS.get(random.nextInt(GROUPS.size()));
        boolean disconnected = random.nextInt(5) == 0;
        SessionInfo info = new SessionInfo(id, UUID.randomUUID().toString(), group, "2412.0", null,
                "S-1-5-21-1-" + n, false, new ClientData("10.0." + random.nextInt(256) + "." + random.nextInt(256),
                        "loc" + n, "LT-" + n, "WINDOWS", "2412.1"), "pool-" + group.substring(0, 8),
                disconnected ? now - 60_000 : null, null, (long) random.nextInt(60), 3_600_000L,
                UUID.randomUUID().toString(), null, false, new SecurityGatewayData("192.0.2.1", "uag.example.com",
                        "EXTERNAL"), disconnected ? null : SessionProtocol.BLAST,
                disconnected ? SessionState.DISCONNECTED : SessionState.CONNECTED, SessionType.DESKTOP,
                now - random.nextInt(28_800_000), false, "S-1-5-21-1-" + n);
        return new SessionSnapshot(info, "pod-eu-west", "pod-eu-west", false, true,
                new SessionNames("CORP\\user" + n, "VDI-" + n, "vdi-" + n + ".corp.example.com", "Desktops", null,
                        null, "Group"), now);
    }

    static SessionCommand command(String sessionId) {
        return new SessionCommand(UUID.randomUUID().toString(), SessionAction.DISCONNECT, sessionId, "pod-eu-west", false,
                null, null, null, "LOCAL\\admin", System.currentTimeMillis(), "machine-" + sessionId, "S-1-5-21-1-1");
    }

    static SessionCommand message(String sessionId) {
        return new SessionCommand(UUID.randomUUID().toString(), SessionAction.SEND_MESSAGE, sessionId, "pod-eu-west",
                false, null, "Please save your work", MessageType.INFO, "LOCAL\\admin", System.currentTimeMillis(),
                "machine-" + sessionId, "S-1-5-21-1-1");
    }

    static SessionOutcome outcome(Random random, int n) {
        String session = "s-" + (n % 100_000);
        return new SessionOutcome(UUID.randomUUID().toString(), EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED,
                UUID.randomUUID().toString(), SessionAction.DISCONNECT, session, CommandStatus.SUCCEEDED,
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED.defaultSeverity(),
                "LOCAL\\admin disconnected the session of CORP\\user" + n + " on VDI-" + n, null, false,
                1_790_000_000_000L + n, "S-1-5-21-1-" + n, "CORP\\user" + n, "LOCAL\\admin", "pod-eu-west",
                "machine-" + n, "vdi-" + n + ".corp.example.com", "Finance Desktops", null);
    }

    static RecordHeaders headers(String type, String id, String subject) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        headers.add(CloudEventHeaders.ID, bytes(id));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        headers.add(CloudEventHeaders.SOURCE, bytes("/bench"));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        return headers;
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends records with at most {@code inFlight} unacknowledged; returns once all are acked. */
    static void sendAll(KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> records,
            int inFlight) throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ProducerRecord<String, String> record : records) {
            window.acquire();
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.set(e);
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    static List<ProducerRecord<String, String>> snapshotRecords(String topic, int count, long seed) {
        Random random = new Random(seed);
        long now = System.currentTimeMillis();
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SessionSnapshot snapshot = session(random, i, now);
            records.add(new ProducerRecord<>(topic, null, snapshot.session().id(), JsonCodec.write(snapshot),
                    headers(CloudEventHeaders.TYPE_SESSION_SNAPSHOT, UUID.randomUUID().toString(),
                            snapshot.session().id())));
        }
        return records;
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
