package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * session-service intake: single-session disconnect POSTs with 64 connections for 30 s (each answered after the
 * broker's ack) against the service's own ceiling (a trivial GET, same connections, same run), the same POSTs open loop
 * at half their rate, and 1,000-id bulk requests, three times; the raw Kafka producer rate for the same record with
 * the same 64 sends in flight; then list-sessions latency over 100,000 sessions (filtered pages of 100). Charts go to
 * bench/results/intake-*.png.
 */
public final class IntakeBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("intake").start(true)) {
            stack.database("sessions");
            List<ProducerRecord<String, String>> snapshots = BenchData.snapshotRecords(Topics.SESSION_INVENTORY,
                    SESSIONS, 7);
            // Only CONNECTED sessions are acted on: a disconnect of one of the fifth that BenchData makes DISCONNECTED
            // is refused (409 in its item) without a command, and would flatter every figure below.
            String[] ids = snapshots.stream().filter(record -> JsonCodec.read(record.value(), SessionSnapshot.class)
                    .session().sessionState() == SessionState.CONNECTED).map(ProducerRecord::key).toArray(String[]::new);
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
            // Issue 15's intake targets, REPEATS times: the trivial-GET ceiling of the same service, single-session
            // disconnects closed loop (ratio to that ceiling), the same POSTs open loop at half their closed-loop
            // rate, and 1,000-id bulk requests one after another.
            List<Double> ratios = new ArrayList<>();
            List<Double> openP99 = new ArrayList<>();
            List<Double> bulkMedian = new ArrayList<>();
            HttpLoad.Result disconnects = null;
            HttpLoad.Result ceiling = null;
            HttpLoad.Result open = null;
            List<String> openStages = new ArrayList<>();
            System.out.println();
            System.out.println("## session-service intake against its own ceiling (" + CONNECTIONS + " connections, "
                    + DURATION.toSeconds() + " s after " + WARMUP.toSeconds() + " s warm-up, " + REPEATS + " runs)");
            System.out.println("| run | GET /q/health/live | POST disconnect (1 id) | ratio | open loop at half: p50 / p99 "
                    + "| bulk 1,000 ids: min / median / max |");
            System.out.println("|---|---|---|---:|---|---|");
            for (int run = 1; run <= REPEATS; run++) {
                ceiling = HttpLoad.run(service.port(), CONNECTIONS, WARMUP, DURATION, () ->
                        new HttpLoad.Request(HttpMethod.GET, "/q/health/live", null, Map.of()));
                Profiler.startIfAsked(service, "intake-post-run" + run, WARMUP.plus(DURATION));
                AcceptedItems closedItems = new AcceptedItems();
                disconnects = HttpLoad.run(service.port(), CONNECTIONS, WARMUP, DURATION, () -> disconnect(token, ids),
                        closedItems);
                closedItems.requireAll("closed-loop POST disconnect, run " + run);
                int half = (int) Math.max(1, disconnects.perSecond() / 2);
                StageHistograms beforeOpen = StageHistograms.scrape(service.port());
                AcceptedItems openItems = new AcceptedItems();
                open = HttpLoad.openLoop(service.port(), half, Duration.ofSeconds(5), DURATION,
                        () -> disconnect(token, ids), openItems);
                openItems.requireAll("open-loop POST disconnect, run " + run);
                openStages.add(String.format("run %d, client p50 %.1f / p99 %.1f ms; in the service: %s", run,
                        open.p50Millis(), open.p99Millis(),
                        StageHistograms.scrape(service.port()).since(beforeOpen).line()));
                List<Double> bulk = bulk(service.port(), token, ids, 20);
                double ratio = disconnects.perSecond() / ceiling.perSecond();
                ratios.add(ratio);
                openP99.add(open.p99Millis());
                bulkMedian.add(bulk.get(bulk.size() / 2));
                System.out.printf("| %d | %,.0f/s (p99 %.1f ms) | %,.0f/s (p99 %.1f ms) | %.2f | %,d/s: %.1f ms / %.1f ms "
                        + "| %.0f / %.0f / %.0f ms |%n", run, ceiling.perSecond(), ceiling.p99Millis(),
                        disconnects.perSecond(), disconnects.p99Millis(), ratio, half, open.p50Millis(),
                        open.p99Millis(), bulk.get(0), bulk.get(bulk.size() / 2), bulk.get(bulk.size() - 1));
            }
            // Where an open-loop request waits (server histograms over the phase and its warm-up, p50 / p99 as
            // bucket bounds); what the client sees beyond them is HTTP, token check, JSON and CPU queueing.
            System.out.println("open loop at half rate, awaited steps in session-service (p50 / p99, requests):");
            openStages.forEach(line -> System.out.println("- " + line));
            System.out.printf("ratio POST/GET min / median / max: %s (target >= 0.5)%n", minMedianMax(ratios, "%.2f"));
            System.out.printf("open-loop p99 at half rate min / median / max: %s ms (target <= 25 ms)%n",
                    minMedianMax(openP99, "%.1f"));
            System.out.printf("bulk 1,000 ids median min / median / max: %s ms (target <= 250 ms)%n",
                    minMedianMax(bulkMedian, "%.0f"));
            BenchCharts.overTime("intake-throughput.png", "session-service intake, last run: requests per second",
                    "requests/s", Map.of("GET /q/health/live (closed loop)", ceiling.ratePerSecond(),
                            "POST disconnect (closed loop)", disconnects.ratePerSecond(),
                            "POST disconnect (open loop, half rate)", open.ratePerSecond()));
            BenchCharts.overTime("intake-latency.png", "session-service intake, last run: latency per second",
                    "ms", Map.of("closed loop p50", disconnects.p50PerSecond(), "closed loop p99",
                            disconnects.p99PerSecond(), "open loop p50", open.p50PerSecond(), "open loop p99",
                            open.p99PerSecond()));
            Map<String, Double> bars = new java.util.LinkedHashMap<>();
            for (int i = 0; i < ratios.size(); i++) {
                bars.put("run " + (i + 1), ratios.get(i));
            }
            BenchCharts.ratios("intake-ratio.png", "POST disconnect / GET /q/health/live", bars, 0.5);
            System.out.println("charts: bench/results/intake-throughput.png, intake-latency.png, intake-ratio.png");
            new BenchSummary("intake")
                    .target("single-session POST / trivial GET ≥ 0.5", ratios, "%.2f", "", 0.5, false)
                    .target("open loop at half that rate: p99 ≤ 25 ms", openP99, "%.1f", "ms", 25, true)
                    .target("1,000-id bulk answered ≤ 250 ms (median of 20)", bulkMedian, "%.0f", "ms", 250, true)
                    .write();

            HttpLoad.Result lists = HttpLoad.run(service.port(), 8, WARMUP, DURATION, () -> ReadsBench.list(token));

            System.out.println();
            System.out.println("## session-service intake (" + SESSIONS + " sessions, " + CONNECTIONS + " connections, "
                    + DURATION.toSeconds() + " s after " + WARMUP.toSeconds() + " s warm-up)");
            System.out.printf("raw Kafka producer, same record, %d in flight: %,.0f records/s%n", CONNECTIONS, raw);
            System.out.println("POST disconnect (1 id), last run: " + disconnects.line());
            System.out.printf("intake / raw producer: %.2f%n", disconnects.perSecond() / raw);
            System.out.println("GET sessions, filtered page of 100 (8 connections): " + lists.line());
            if (Boolean.getBoolean("bench.explain")) {
                explain(stack);
            }
        }
    }

    static HttpLoad.Request disconnect(String token, String[] ids) {
        return new HttpLoad.Request(HttpMethod.POST, "/rest/inventory/v1/sessions/action/disconnect",
                "[\"" + ids[ThreadLocalRandom.current().nextInt(ids.length)] + "\"]",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    }

    /**
     * {@code count} disconnect requests of 1,000 distinct random ids, one after another, each of whose items must be
     * accepted: their times in ms, sorted.
     */
    static List<Double> bulk(int port, String token, String[] ids, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<String> chosen = new LinkedHashSet<>();
            while (chosen.size() < 1_000) {
                chosen.add(ids[ThreadLocalRandom.current().nextInt(ids.length)]);
            }
            String body = chosen.stream().map(id -> '"' + id + '"').collect(Collectors.joining(",", "[", "]"));
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/rest/inventory/v1/sessions/action/disconnect")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            times.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("bulk request answered " + response.statusCode() + ": "
                        + response.body());
            }
            long accepted = 0;
            for (JsonNode item : JSON.readTree(response.body())) {
                accepted += PipelineBench.accepted(item) ? 1 : 0;
            }
            if (accepted != chosen.size()) {
                throw new IllegalStateException("bulk request accepted " + accepted + " of " + chosen.size()
                        + " items: the figure would not be of 1,000 commands");
            }
        }
        times.sort(null);
        return times;
    }

    /**
     * Counts the answers of single-session POSTs whose one item was accepted (200 with a command id): the intake is
     * measured on commands the broker took, never on refusals.
     */
    static final class AcceptedItems implements HttpLoad.Answers {
        private final AtomicLong accepted = new AtomicLong();
        private final Map<String, AtomicLong> others = new ConcurrentHashMap<>();

        @Override
        public void answered(int status, String body, long answeredAtMillis) {
            String kind = "HTTP " + status;
            if (status == 200) {
                try {
                    JsonNode item = JSON.readTree(body).path(0);
                    if (PipelineBench.accepted(item)) {
                        accepted.incrementAndGet();
                        return;
                    }
                    kind = "item " + item.path("status_code").asInt() + " " + item.path("errors").path(0)
                            .path("error_key").asText();
                } catch (IOException e) {
                    kind = "unreadable answer";
                }
            }
            others.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        /** How many answers were accepted commands, and the others by kind. */
        @Override
        public String toString() {
            return String.format("%,d accepted", accepted.get()) + (others.isEmpty() ? "" : ", not accepted " + others);
        }

        /** Stops the scenario when any answer was not an accepted command. */
        void requireAll(String what) {
            if (!others.isEmpty()) {
                throw new IllegalStateException(what + ": " + accepted.get() + " accepted, not accepted: " + others);
            }
        }
    }

    static String minMedianMax(List<Double> values, String format) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format(format + " / " + format + " / " + format, sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
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
        return JSON.readTree(response.body()).get("access_token").asText();
    }
}
