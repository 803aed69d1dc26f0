package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The public stream's delay: agent reports (snapshots whose state flips CONNECTED ⇄ DISCONNECTED) are published on
 * session.inventory.v1 at a fixed rate (open loop, default 1,000/s), and a read_committed consumer of
 * session.events.v1 measures, per lifecycle event, the time from the report's send to the event's receipt. Every
 * flip must come out exactly once: sent, received and duplicates are counted. At the same time
 * {@code bench.sse-clients} (10) admin streams on session-service's live feed measure report → SSE receipt (the
 * event's {@code time} is the report's {@code observed_at}, set at its send; one clock, millisecond resolution).
 */
public final class StreamBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 2_000);
    static final int RATE = Integer.getInteger("bench.rate", 1_000);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 20));
    static final int SSE_CLIENTS = Integer.getInteger("bench.sse-clients", 10);

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("stream").start(true)) {
            stack.database("sessions");
            List<ProducerRecord<String, String>> snapshots = BenchData.snapshotRecords(Topics.SESSION_INVENTORY,
                    SESSIONS, 11);
            List<ObjectNode> sessions = new ArrayList<>();
            snapshots.forEach(record -> sessions.add((ObjectNode) JsonCodec.read(record.value(), JsonNode.class)));
            ServiceProcess service = stack.service("session-service", "sessions", Map.of(
                    "SESSIONPLANE_FEED_MAX_STREAMS_PER_OPERATOR", Integer.toString(Math.max(5, SSE_CLIENTS))));
            Vertx vertx = Vertx.vertx();
            SseBench.Counters sseCounters = SseBench.Counters.create();
            Recorder sseDelays = sseCounters.delays();
            AtomicLong sseReceived = sseCounters.received();
            AtomicLong sseClosing = sseCounters.closing();
            CountDownLatch open = new CountDownLatch(SSE_CLIENTS);
            String adminToken = SseBench.login(service.port(), "admin");
            HttpClient sse = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(service.port()).setMaxPoolSize(Math.max(1, SSE_CLIENTS)).setKeepAlive(true));
            for (int i = 0; i < SSE_CLIENTS; i++) {
                new SseBench.BenchStream(vertx, sse, adminToken, sseCounters).start(open);
            }
            if (!open.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(open.getCount() + " streams did not open");
            }
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> delays = new ArrayList<>();
            AtomicLong received = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> read(stack.kafka.bootstrapServers(), sentAt, delays, received, duplicates,
                    measuring, stop), "event-reader");
            reader.start();
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, snapshots, 10_000);
                // Open loop: each report has its slot in time, whatever the stream does meanwhile; paced per
                // millisecond with a sleep (a spinning sender would take one of the machine's two cores).
                long start = System.nanoTime();
                long end = start + WARMUP.plus(DURATION).toNanos();
                long sent = 0;
                long measuredSent = 0;
                while (System.nanoTime() < end) {
                    long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                    while (sent < due) {
                        long slot = start + sent * 1_000_000_000L / RATE;
                        boolean measured = slot >= start + WARMUP.toNanos();
                        if (measured && !measuring.get()) {
                            sseDelays.reset();
                        }
                        measuring.set(measured);
                        ObjectNode session = sessions.get((int) (sent % sessions.size()));
                        ObjectNode info = (ObjectNode) session.get("session");
                        String state = "CONNECTED".equals(info.get("session_state").asText()) ? "DISCONNECTED"
                                : "CONNECTED";
                        info.put("session_state", state);
                        long now = System.currentTimeMillis();
                        session.put("observed_at", now);
                        String id = info.get("id").asText();
                        // One flip in flight per session at a time: the event it causes is matched by session and
                        // state.
                        sentAt.put(id + "/" + state, System.nanoTime());
                        producer.send(new ProducerRecord<>(Topics.SESSION_INVENTORY, null, now, id, session.toString(),
                                BenchData.headers(CloudEventHeaders.TYPE_SESSION_SNAPSHOT, UUID.randomUUID().toString(),
                                        id)));
                        sent++;
                        if (measured) {
                            measuredSent++;
                        }
                    }
                    Thread.sleep(1);
                }
                producer.flush();
                BenchData.sleep(10_000);
                stop.set(true);
                reader.join();
                long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.println();
                System.out.println("## session.events.v1 delay (" + RATE + " reports/s open loop, " + DURATION.toSeconds()
                        + " s after " + WARMUP.toSeconds() + " s warm-up, " + SESSIONS + " sessions)");
                System.out.printf("reports sent %,d (measured %,d); their lifecycle events received %,d; duplicates %d;"
                        + " reports without an event 10 s after the last send %d%n", sent, measuredSent,
                        received.get(), duplicates.get(), sentAt.size());
                System.out.printf("report sent → event received (read_committed): p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " (%,d measured)%n", pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 1.0), sorted.length);
                Histogram histogram = sseDelays.getIntervalHistogram();
                System.out.printf("report sent → SSE client (%d admin streams, live feed): p50 %.1f ms, p99 %.1f ms,"
                        + " p99.9 %.1f ms, max %.1f ms (%,d samples, %,d SSE events in all, %d streams cut)%n",
                        SSE_CLIENTS, histogram.getValueAtPercentile(50) / 1000.0,
                        histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                        histogram.getMaxValue() / 1000.0, histogram.getTotalCount(), sseReceived.get(),
                        sseClosing.get());
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    private static void read(String bootstrap, Map<String, Long> sentAt, List<Long> delays, AtomicLong received,
            AtomicLong duplicates, AtomicBoolean measuring, AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "stream-bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        var seen = ConcurrentHashMap.<String>newKeySet();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_EVENTS));
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode event = JsonCodec.read(record.value(), JsonNode.class);
                    if (!"LIFECYCLE".equals(event.path("kind").asText())) {
                        continue;
                    }
                    if (!seen.add(event.path("event_id").asText())) {
                        duplicates.incrementAndGet();
                        continue;
                    }
                    String state = event.path("session_state").asText();
                    Long sent = sentAt.remove(record.key() + "/" + state);
                    if (sent != null) {
                        received.incrementAndGet();
                    }
                    if (sent != null && measuring.get()) {
                        synchronized (delays) {
                            delays.add(now - sent);
                        }
                    }
                }
            }
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
