package io.sessionplane.bench;

import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * session-service reads: the read model's bootstrap from 100,000 snapshots waiting on the inventory topic (three
 * times, each into an empty database with its own consumer group), then filtered, sorted pages of 100 (one access
 * group, CONNECTED, newest first, pages 1–10) open loop at {@code bench.read-rate} a second, three runs at 100,000
 * sessions and three at 250,000. Charts go to bench/results/reads-*.png.
 */
public final class ReadsBench {
    static final int FIRST = Integer.getInteger("bench.sessions", 100_000);
    static final int SECOND = Integer.getInteger("bench.sessions-large", 250_000);
    static final int READ_RATE = Integer.getInteger("bench.read-rate", 200);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("reads").start(true)) {
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, BenchData.snapshotRecords(Topics.SESSION_INVENTORY, FIRST, 7), 10_000);
            }
            System.out.println();
            System.out.println("## Read model bootstrap (" + FIRST + " snapshots waiting, empty database)");
            System.out.println("| run | first row → all rows | snapshots/s | process start → all rows |");
            System.out.println("|---|---|---|---|");
            List<Double> bootstrap = new ArrayList<>();
            ServiceProcess service = null;
            String database = null;
            for (int run = 1; run <= REPEATS; run++) {
                if (service != null) {
                    service.close();
                }
                database = stack.database("sessions" + run);
                long started = System.nanoTime();
                // Its own consumer group and stream application: each run reads the topic from the start.
                service = stack.service("session-service", database, Map.of(
                        "MP_MESSAGING_INCOMING_INVENTORY_GROUP_ID", "reads-bench-" + run,
                        "SESSIONPLANE_EVENTS_APPLICATION_ID", "reads-bench-events-" + run));
                Profiler.startIfAsked(service, "bootstrap-run" + run, Duration.ofSeconds(20));
                double[] timing = awaitRows(stack, database, FIRST);
                double rate = FIRST / timing[0];
                bootstrap.add(rate);
                System.out.printf("| %d | %.1f s | %,.0f | %.1f s |%n", run, timing[0], rate,
                        (timing[1] - started) / 1e9);
            }
            awaitQuiet(stack, "reads-bench-events-" + REPEATS);
            analyze(stack, database);
            String token = IntakeBench.login(service.port());
            Map<String, List<Double>> p99Series = new LinkedHashMap<>();
            List<Double> first = lists(service.port(), token, FIRST, p99Series);

            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, BenchData.snapshotRecords(Topics.SESSION_INVENTORY, SECOND - FIRST, 8),
                        10_000);
            }
            stack.awaitCount(database, "SELECT count(*) FROM session WHERE NOT ended", SECOND, Duration.ofMinutes(10));
            awaitQuiet(stack, "reads-bench-events-" + REPEATS);
            analyze(stack, database);
            List<Double> second = lists(service.port(), token, SECOND, p99Series);
            BenchCharts.overTime("reads-latency.png", "filtered, sorted page of 100 at " + READ_RATE
                    + "/s: p99 per second", "ms", p99Series);
            Map<String, Double> bars = new LinkedHashMap<>();
            for (int i = 0; i < bootstrap.size(); i++) {
                bars.put("run " + (i + 1), bootstrap.get(i) / 50_000);
            }
            BenchCharts.ratios("reads-bootstrap.png", "read model bootstrap: snapshots/s ÷ 50,000 (target)", bars, 1.0);
            System.out.println("charts: bench/results/reads-latency.png, reads-bootstrap.png");

            new BenchSummary("reads")
                    .target("read model bootstrap ≥ 50,000 snapshots/s", bootstrap, "%,.0f", "/s", 50_000, false)
                    .target("page of 100 p99 ≤ 30 ms at " + FIRST + " sessions", first, "%.1f", "ms", 30, true)
                    .target("page of 100 p99 ≤ 50 ms at " + SECOND + " sessions", second, "%.1f", "ms", 50, true)
                    .write();
        }
    }

    /** Seconds from the first row seen to all rows, and the nanoTime when all were there (looked at every 50 ms). */
    static double[] awaitRows(BenchStack stack, String database, int expected) throws Exception {
        long firstSeen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Connection connection = stack.jdbc(database); Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                long count;
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM session WHERE NOT ended")) {
                    rows.next();
                    count = rows.getLong(1);
                }
                long now = System.nanoTime();
                if (count > 0 && firstSeen == 0) {
                    firstSeen = now;
                }
                if (count >= expected) {
                    return new double[] {(now - firstSeen) / 1e9, now};
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the read model did not reach " + expected + " sessions");
    }

    /**
     * Waits until the service's event stream has derived the events of every snapshot (its consumer group has no lag
     * on the inventory topic): reads are measured on a service that is done with the load, not beside it.
     */
    static void awaitQuiet(BenchStack stack, String streamsGroup) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(streamsGroup)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
                for (int p = 0; p < BenchStack.PARTITIONS; p++) {
                    ends.put(new TopicPartition(Topics.SESSION_INVENTORY, p), OffsetSpec.latest());
                }
                long lag = 0;
                for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                if (lag == 0) {
                    return;
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException("the event stream did not catch up with the inventory topic");
        }
    }

    static void analyze(BenchStack stack, String database) throws Exception {
        try (Connection connection = stack.jdbc(database); Statement statement = connection.createStatement()) {
            // What autovacuum does shortly after a bulk load; the reads should not see stale statistics.
            statement.execute("VACUUM ANALYZE session");
            statement.execute("VACUUM ANALYZE session_snapshot");
        }
    }

    /** REPEATS open-loop runs of list requests; their p99s in ms. */
    static List<Double> lists(int port, String token, int sessions, Map<String, List<Double>> p99Series)
            throws Exception {
        System.out.println();
        System.out.printf("## Filtered, sorted page of 100 over %,d sessions, open loop at %d/s for %d s%n", sessions,
                READ_RATE, DURATION.toSeconds());
        System.out.println("| run | p50 | p99 | max | statuses |");
        System.out.println("|---|---|---|---|---|");
        List<Double> p99 = new ArrayList<>();
        // A run at the same rate first, not measured: the service's first pages compile the list path.
        HttpLoad.openLoop(port, READ_RATE, Duration.ofSeconds(5), Duration.ofSeconds(15), () -> list(token));
        for (int run = 1; run <= REPEATS; run++) {
            HttpLoad.Result result = HttpLoad.openLoop(port, READ_RATE, Duration.ofSeconds(5), DURATION,
                    () -> list(token));
            p99.add(result.p99Millis());
            System.out.printf("| %d | %.1f ms | %.1f ms | %.1f ms | %s |%n", run, result.p50Millis(), result.p99Millis(),
                    result.maxMillis(), result.statuses());
            if (run == REPEATS) {
                p99Series.put(String.format("%,d sessions", sessions), result.p99PerSecond());
            }
        }
        return p99;
    }

    /** One access group's CONNECTED sessions, newest first, a page of 100 among the first ten. */
    static HttpLoad.Request list(String token) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String filter = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"access_group_id\","
                + "\"value\":\"" + BenchData.GROUPS.get(random.nextInt(BenchData.GROUPS.size())) + "\"},"
                + "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"}]}";
        return new HttpLoad.Request(HttpMethod.GET, "/rest/inventory/v1/sessions?size=100&page="
                + (1 + random.nextInt(10)) + "&sort_by=start_time&order_by=DESC&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8), null, Map.of("Authorization", "Bearer " + token));
    }
}
