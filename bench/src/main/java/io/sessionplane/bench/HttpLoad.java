package io.sessionplane.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop HTTP load generator: {@code connections} clients, each sending its next request as soon as the
 * previous answer arrived, for a fixed time. Latency goes into an HdrHistogram (microseconds).
 */
final class HttpLoad {
    /** One request to send. */
    record Request(HttpMethod method, String uri, String body, Map<String, String> headers) {
    }

    /** What a run measured. */
    record Result(long requests, double perSecond, double p50Millis, double p99Millis, double maxMillis,
            Map<Integer, Long> statuses) {
        String line() {
            return String.format("%,d requests, %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, statuses %s", requests,
                    perSecond, p50Millis, p99Millis, maxMillis, statuses);
        }
    }

    private HttpLoad() {
    }

    static Result run(int port, int connections, Duration warmup, Duration duration, Supplier<Request> next)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setMaxPoolSize(connections).setKeepAlive(true));
            runPhase(client, connections, warmup, next, new Recorder(3), new ConcurrentHashMap<>());
            Recorder recorder = new Recorder(3);
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            long begin = System.nanoTime();
            long count = runPhase(client, connections, duration, next, recorder, statuses);
            double seconds = (System.nanoTime() - begin) / 1e9;
            var histogram = recorder.getIntervalHistogram();
            Map<Integer, Long> byStatus = new java.util.TreeMap<>();
            statuses.forEach((status, n) -> byStatus.put(status, n.get()));
            return new Result(count, count / seconds, histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, byStatus);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static long runPhase(HttpClient client, int connections, Duration duration, Supplier<Request> next,
            Recorder recorder, Map<Integer, AtomicLong> statuses) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            loop(client, next, deadline, recorder, statuses, count, done);
        }
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return count.get();
    }

    private static void loop(HttpClient client, Supplier<Request> next, long deadline, Recorder recorder,
            Map<Integer, AtomicLong> statuses, AtomicLong count, CountDownLatch done) {
        if (System.nanoTime() >= deadline) {
            done.countDown();
            return;
        }
        Request request = next.get();
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
        request.headers().forEach(options::putHeader);
        client.request(options)
                .compose(r -> request.body() == null ? r.send() : r.send(Buffer.buffer(request.body())))
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(result -> {
                    recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    int status = result.succeeded() ? result.result() : -1;
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    count.incrementAndGet();
                    loop(client, next, deadline, recorder, statuses, count, done);
                });
    }
}
