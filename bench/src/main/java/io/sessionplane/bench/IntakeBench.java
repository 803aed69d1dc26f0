package io.sessionplane.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * session-service intake: single-session disconnect POSTs with 64 connections for 30 s (each answered after the
 * broker's ack), next to the raw Kafka producer rate for the same record with the same 64 sends in flight, measured
 * in the same run on the same broker; then list-sessions latency over 100,000 sessions (filtered pages of 100).
 */
public final class IntakeBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("intake").start(true)) {
            stack.database("sessions");
            List<ProducerRecord<String, String>> snapshots = BenchData.snapshotRecords(Topics.SESSION_INVENTORY,
                    SESSIONS, 7);
            String[] ids = snapshots.stream().map(ProducerRecord::key).toArray(String[]::new);
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, snapshots, 10_000);
            }
            ServiceProcess service = stack.service("session-service", "sessions", Map.of());
            long loadStart = System.nanoTime();
            stack.awaitCount("sessions", "SELECT count(*) FROM session WHERE NOT ended", SESSIONS,
                    Duration.ofMinutes(30));
            System.out.printf("read model holds %,d sessions (%.1f s after the service was ready)%n", SESSIONS,
                    (System.nanoTime() - loadStart) / 1e9);
            try (Connection connection = stack.jdbc("sessions"); Statement statement = connection.createStatement()) {
                // What autovacuum does shortly after a bulk load; the list measurement should not see stale statistics.
                statement.execute("ANALYZE session");
            }
            String token = login(service.port());

            double raw = rawProducer(stack.kafka.bootstrapServers(), ids);
            HttpLoad.Result disconnects = HttpLoad.run(service.port(), CONNECTIONS, WARMUP, DURATION, () ->
                    new HttpLoad.Request(HttpMethod.POST, "/rest/inventory/v1/sessions/action/disconnect",
                            "[\"" + ids[ThreadLocalRandom.current().nextInt(ids.length)] + "\"]",
                            Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json")));
            HttpLoad.Result lists = HttpLoad.run(service.port(), 8, WARMUP, DURATION, () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String filter = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"access_group_id\","
                        + "\"value\":\"" + BenchData.GROUPS.get(random.nextInt(BenchData.GROUPS.size())) + "\"},"
                        + "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"}]}";
                return new HttpLoad.Request(HttpMethod.GET, "/rest/inventory/v1/sessions?size=100&page="
                        + (1 + random.nextInt(10)) + "&sort_by=start_time&order_by=DESC&filter="
                        + URLEncoder.encode(filter, StandardCharsets.UTF_8), null,
                        Map.of("Authorization", "Bearer " + token));
            });

            System.out.println();
            System.out.println("## session-service intake (" + SESSIONS + " sessions, " + CONNECTIONS + " connections, "
                    + DURATION.toSeconds() + " s after " + WARMUP.toSeconds() + " s warm-up)");
            System.out.printf("raw Kafka producer, same record, %d in flight: %,.0f records/s%n", CONNECTIONS, raw);
            System.out.println("POST disconnect (1 id): " + disconnects.line());
            System.out.printf("intake / raw producer: %.2f%n", disconnects.perSecond() / raw);
            System.out.println("GET sessions, filtered page of 100 (8 connections): " + lists.line());
            if (Boolean.getBoolean("bench.explain")) {
                explain(stack);
            }
        }
    }

    /** The command record session-service sends, produced directly with the same settings and 64 in flight. */
    static double rawProducer(String bootstrap, String[] ids) throws InterruptedException {
        try (KafkaProducer<String, String> producer = BenchData.producer(bootstrap, Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.BATCH_SIZE_CONFIG, 16_384))) {
            Random random = new Random(1);
            Semaphore window = new Semaphore(CONNECTIONS);
            AtomicLong acked = new AtomicLong();
            long deadline = System.nanoTime() + WARMUP.plus(DURATION).toNanos();
            long measureFrom = System.nanoTime() + WARMUP.toNanos();
            long countAtStart = -1;
            while (System.nanoTime() < deadline) {
                if (countAtStart < 0 && System.nanoTime() >= measureFrom) {
                    countAtStart = acked.get();
                }
                window.acquire();
                SessionCommand command = BenchData.command(ids[random.nextInt(ids.length)]);
                producer.send(new ProducerRecord<>(Topics.SESSION_COMMANDS, null, command.sessionId(),
                        JsonCodec.write(command), BenchData.headers(CloudEventHeaders.TYPE_SESSION_COMMAND,
                                command.commandId(), command.sessionId())), (metadata, e) -> {
                                    acked.incrementAndGet();
                                    window.release();
                                });
            }
            window.acquire(CONNECTIONS);
            return (acked.get() - countAtStart) / (double) DURATION.toSeconds();
        }
    }

    /** The plan of the list query, for diagnosis. */
    static void explain(BenchStack stack) throws Exception {
        try (Connection connection = stack.jdbc("sessions"); Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT snapshot::text FROM session JOIN session_snapshot USING (id)"
                        + " WHERE NOT ended AND ((NOT federated AND access_group_id = ANY(ARRAY['" + String.join("','",
                        BenchData.GROUPS) + "'])) OR (federated AND true)) AND ((access_group_id = '" + BenchData.GROUPS.get(1)
                        + "') AND (session_state = 'CONNECTED')) ORDER BY start_time DESC, id DESC LIMIT 101 OFFSET 500")) {
            while (plan.next()) {
                System.out.println(plan.getString(1));
            }
        }
    }

    static String login(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/rest/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"LOCAL\",\"username\":\"admin\",\"password\":\"admin\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }
}
