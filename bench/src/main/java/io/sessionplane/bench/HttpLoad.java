package io.sessionplane.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * HTTP load: closed loop ({@code connections} clients, each sending its next request as soon as the previous answer
 * arrived) or open loop (a fixed arrival rate whatever the answers do, latency counted from each request's scheduled
 * time, so a stall is not hidden by fewer requests being sent). Latency goes into HdrHistograms (microseconds), for
 * the whole run and per second.
 */
final class HttpLoad {
    /** One request to send. */
    record Request(HttpMethod method, String uri, String body, Map<String, String> headers) {
    }

    /** What a run measured. */
    record Result(long requests, double perSecond, double p50Millis, double p99Millis, double maxMillis,
            Map<Integer, Long> statuses, List<Double> ratePerSecond, List<Double> p50PerSecond,
            List<Double> p99PerSecond) {
        String line() {
            return String.format("%,d requests, %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, statuses %s", requests,
                    perSecond, p50Millis, p99Millis, maxMillis, statuses);
        }
    }

    /** Told of every answer of an open-loop run (warm-up included): status (-1 when none came), body, when. */
    interface Answers {
        void answered(int status, String body, long answeredAtMillis);

        Answers NONE = (status, body, at) -> {
        };
    }

    private HttpLoad() {
    }

    static Result run(int port, int connections, Duration warmup, Duration duration, Supplier<Request> next)
            throws InterruptedException {
        return run(port, connections, warmup, duration, next, Answers.NONE);
    }

    /** Closed loop, each answer (warm-up included) told to {@code answers}. */
    static Result run(int port, int connections, Duration warmup, Duration duration, Supplier<Request> next,
            Answers answers) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setMaxPoolSize(connections).setKeepAlive(true));
            runPhase(client, connections, warmup, next, new Recorder(3), new Recorder(3), new ConcurrentHashMap<>(),
                    answers);
            Recorder recorder = new Recorder(3);
            Recorder second = new Recorder(3);
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            Seconds seconds = Seconds.start(vertx, second);
            long begin = System.nanoTime();
            long count = runPhase(client, connections, duration, next, recorder, second, statuses, answers);
            return result(recorder, statuses, count, (System.nanoTime() - begin) / 1e9, seconds.stop(vertx));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Open loop: {@code rate} requests per second for the duration (after a warm-up at the same rate). */
    static Result openLoop(int port, int rate, Duration warmup, Duration duration, Supplier<Request> next)
            throws InterruptedException {
        return openLoop(port, rate, warmup, duration, next, Answers.NONE);
    }

    /** Open loop, telling {@code answers} of each answer. */
    static Result openLoop(int port, int rate, Duration warmup, Duration duration, Supplier<Request> next,
            Answers answers) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setMaxPoolSize(512).setKeepAlive(true));
            openPhase(vertx, client, rate, warmup, next, new Recorder(3), new Recorder(3), new ConcurrentHashMap<>(),
                    answers);
            Recorder recorder = new Recorder(3);
            Recorder second = new Recorder(3);
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            Seconds seconds = Seconds.start(vertx, second);
            long begin = System.nanoTime();
            long count = openPhase(vertx, client, rate, duration, next, recorder, second, statuses, answers);
            return result(recorder, statuses, count, (System.nanoTime() - begin) / 1e9, seconds.stop(vertx));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static Result result(Recorder recorder, Map<Integer, AtomicLong> statuses, long count, double seconds,
            Seconds perSecond) {
        var histogram = recorder.getIntervalHistogram();
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.get()));
        return new Result(count, count / seconds, histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, byStatus,
                List.copyOf(perSecond.rate), List.copyOf(perSecond.p50), List.copyOf(perSecond.p99));
    }

    /** Per-second throughput and latency percentiles, taken from a recorder every second. */
    private static final class Seconds {
        final List<Double> rate = new CopyOnWriteArrayList<>();
        final List<Double> p50 = new CopyOnWriteArrayList<>();
        final List<Double> p99 = new CopyOnWriteArrayList<>();
        long timer;

        static Seconds start(Vertx vertx, Recorder recorder) {
            Seconds seconds = new Seconds();
            recorder.reset();
            seconds.timer = vertx.setPeriodic(1000, id -> {
                var interval = recorder.getIntervalHistogram();
                seconds.rate.add((double) interval.getTotalCount());
                seconds.p50.add(interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0);
                seconds.p99.add(interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0);
            });
            return seconds;
        }

        Seconds stop(Vertx vertx) {
            vertx.cancelTimer(timer);
            return this;
        }
    }

    private static long openPhase(Vertx vertx, HttpClient client, int rate, Duration duration, Supplier<Request> next,
            Recorder recorder, Recorder second, Map<Integer, AtomicLong> statuses, Answers answers)
            throws InterruptedException {
        long start = System.nanoTime();
        long total = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        AtomicLong scheduled = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        // Every millisecond, send what is due by now; each request's latency counts from its own due time.
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (scheduled.get() < total && start + scheduled.get() * interval <= now) {
                long due = start + scheduled.getAndIncrement() * interval;
                send(client, next.get(), due, recorder, second, statuses, answers, () -> {
                    if (answered.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
        });
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        return answered.get();
    }

    private static void send(HttpClient client, Request request, long start, Recorder recorder, Recorder second,
            Map<Integer, AtomicLong> statuses, Answers answers, Runnable then) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
        request.headers().forEach(options::putHeader);
        client.request(options)
                .compose(r -> request.body() == null ? r.send() : r.send(Buffer.buffer(request.body())))
                .compose(response -> response.body().map(body -> {
                    answers.answered(response.statusCode(), body.toString(), System.currentTimeMillis());
                    return response.statusCode();
                }))
                .onComplete(result -> {
                    long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                    recorder.recordValue(micros);
                    second.recordValue(micros);
                    int status = result.succeeded() ? result.result() : -1;
                    if (result.failed()) {
                        answers.answered(-1, null, System.currentTimeMillis());
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    then.run();
                });
    }

    private static long runPhase(HttpClient client, int connections, Duration duration, Supplier<Request> next,
            Recorder recorder, Recorder second, Map<Integer, AtomicLong> statuses, Answers answers)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            loop(client, next, deadline, recorder, second, statuses, answers, count, done);
        }
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return count.get();
    }

    private static void loop(HttpClient client, Supplier<Request> next, long deadline, Recorder recorder,
            Recorder second, Map<Integer, AtomicLong> statuses, Answers answers, AtomicLong count,
            CountDownLatch done) {
        if (System.nanoTime() >= deadline) {
            done.countDown();
            return;
        }
        send(client, next.get(), System.nanoTime(), recorder, second, statuses, answers, () -> {
            count.incrementAndGet();
            loop(client, next, deadline, recorder, second, statuses, answers, count, done);
        });
    }
}
