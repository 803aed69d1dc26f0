package io.sessionplane.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The live event feed: {@code bench.clients} (200) SSE streams open on one session-service while events are
 * published on session.events.v1 at {@code bench.rate} (1,000/s) spread over the four demo access groups; delay =
 * SSE receipt in the client minus the event's {@code time} (set when it is produced; one clock, one machine), and the
 * service's resident memory before and under the load. Half the clients are {@code admin} (every event), half
 * {@code helpdesk} (Finance only, a quarter), as a helpdesk floor and its supervisors would be.
 */
public final class SseBench {
    static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    static final int RATE = Integer.getInteger("bench.rate", 1000);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 20));
    static final int SESSIONS = 10_000;

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("sse").start(true)) {
            stack.database("sessions");
            ServiceProcess service = stack.service("session-service", "sessions", Map.of(
                    "SESSIONPLANE_FEED_MAX_STREAMS_PER_OPERATOR", Integer.toString(CLIENTS),
                    "SESSIONPLANE_FEED_MAX_STREAMS", Integer.toString(2 * CLIENTS)));
            long pid = pidOf(service);
            long rssReady = rssKiB(pid);
            Map<String, String> tokens = Map.of("admin", login(service.port(), "admin"),
                    "helpdesk", login(service.port(), "helpdesk"));

            Vertx vertx = Vertx.vertx();
            Counters counters = Counters.create();
            Recorder delays = counters.delays();
            AtomicLong received = counters.received();
            CountDownLatch open = new CountDownLatch(CLIENTS);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(service.port()).setMaxPoolSize(2 * CLIENTS).setKeepAlive(true));
            List<BenchStream> streams = new java.util.ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String operator = i % 2 == 0 ? "admin" : "helpdesk";
                BenchStream stream = new BenchStream(vertx, client, tokens.get(operator), counters);
                streams.add(stream);
                stream.start(open);
            }
            if (!open.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(open.getCount() + " streams did not open");
            }
            long rssOpen = rssKiB(pid);

            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of(
                    ProducerConfig.LINGER_MS_CONFIG, 1))) {
                Publisher publisher = new Publisher(producer);
                publisher.run(WARMUP, () -> { });
                delays.reset();
                long receivedBefore = received.get();
                long closedBefore = counters.closing().get();
                long[] rssMax = {0};
                long begin = System.nanoTime();
                long published = publisher.run(DURATION, () -> rssMax[0] = Math.max(rssMax[0], rssKiB(pid)));
                double seconds = (System.nanoTime() - begin) / 1e9;
                Thread.sleep(2000);
                Histogram histogram = delays.getIntervalHistogram();
                String metrics = get(service.port(), "/q/metrics");

                System.out.println();
                System.out.printf("## live event feed (%d SSE clients: half admin, half helpdesk; %,d events/s for %d s"
                        + " after %d s warm-up)%n", CLIENTS, RATE, DURATION.toSeconds(), WARMUP.toSeconds());
                System.out.printf("published: %,d events (%,.0f/s)%n", published, published / seconds);
                System.out.printf("delivered: %,d SSE events (%,.0f/s), expected %,d%n", received.get() - receivedBefore,
                        (received.get() - receivedBefore) / seconds, published * (CLIENTS / 2) + published / 4
                                * (CLIENTS / 2));
                System.out.printf("delay event time -> SSE client: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms"
                        + " (%,d samples)%n", histogram.getValueAtPercentile(50) / 1000.0,
                        histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                        histogram.getMaxValue() / 1000.0, histogram.getTotalCount());
                System.out.printf("session-service RSS: %,d MiB ready, %,d MiB with %d streams open, %,d MiB max under"
                        + " load (JVM %s)%n", rssReady / 1024, rssOpen / 1024, CLIENTS, rssMax[0] / 1024,
                        BenchStack.SERVICE_JVM);
                System.out.printf("streams cut (overflow/closed) and resumed with Last-Event-ID: %d during the"
                        + " warm-up, %d while measured%n", closedBefore, counters.closing().get() - closedBefore);
                streams.forEach(BenchStream::stop);
                metrics.lines().filter(line -> line.startsWith("sessionplane_feed_") || line.startsWith(
                        "jvm_memory_used_bytes{area=\"heap\"")).forEach(System.out::println);
            }
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** What the bench's streams count together. */
    record Counters(Recorder delays, AtomicLong received, AtomicLong closing, AtomicLong reconnects) {
        static Counters create() {
            return new Counters(new Recorder(3), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    /**
     * One client stream, as a fetch-based browser client or script would keep it: every {@code data:} line's event
     * time gives a delay sample; when the server ends the stream (an {@code overflow} or {@code closed} event) it
     * reconnects at once with the last id it received as {@code Last-Event-ID}, so a stream that was cut resumes
     * where it stopped and the delay of what it missed is counted when it arrives.
     */
    static final class BenchStream {
        private final Vertx vertx;
        private final HttpClient client;
        private final String token;
        private final Counters counters;
        private volatile String lastId;
        private volatile boolean stopped;

        BenchStream(Vertx vertx, HttpClient client, String token, Counters counters) {
            this.vertx = vertx;
            this.client = client;
            this.token = token;
            this.counters = counters;
        }

        /** Opens the stream; {@code open} counts down when the first response arrives. */
        void start(CountDownLatch open) {
            connect(open);
        }

        void stop() {
            stopped = true;
        }

        private void connect(CountDownLatch open) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                    .setURI("/rest/inventory/v1/session-events").putHeader("Authorization", "Bearer " + token)
                    .putHeader("Accept", "text/event-stream");
            if (lastId != null) {
                options.putHeader("Last-Event-ID", lastId);
            }
            client.request(options).compose(request -> request.send()).onSuccess(response -> {
                if (response.statusCode() != 200) {
                    System.err.println("stream refused: " + response.statusCode());
                    reconnectLater();
                    return;
                }
                if (open != null) {
                    open.countDown();
                }
                LineSplitter lines = new LineSplitter(line -> {
                    // "field: value" and "field:value" are the same line to an SSE client.
                    if (line.startsWith("data:{") || line.startsWith("data: {")) {
                        long time = timeOf(line);
                        if (time > 0) {
                            counters.delays().recordValue(Math.max(0, System.currentTimeMillis() - time) * 1000);
                            counters.received().incrementAndGet();
                        }
                    } else if (line.startsWith("id:")) {
                        lastId = line.substring(line.startsWith("id: ") ? 4 : 3);
                    } else if (line.startsWith("event:overflow") || line.startsWith("event:closed")
                            || line.startsWith("event: overflow") || line.startsWith("event: closed")) {
                        counters.closing().incrementAndGet();
                    }
                });
                response.handler(lines::feed);
                response.endHandler(v -> reconnectLater());
                response.exceptionHandler(e -> { });
            }).onFailure(e -> {
                if (!stopped) {
                    System.err.println("stream failed: " + e);
                    reconnectLater();
                }
            });
        }

        private void reconnectLater() {
            if (!stopped) {
                counters.reconnects().incrementAndGet();
                vertx.setTimer(100, id -> connect(null));
            }
        }
    }

    /** The {@code "time":} field of the event JSON, without a full parse (the client side must not be the limit). */
    static long timeOf(String line) {
        int at = line.indexOf("\"time\":");
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + 7; i < line.length() && Character.isDigit(line.charAt(i)); i++) {
            value = value * 10 + (line.charAt(i) - '0');
        }
        return value;
    }

    /** Splits chunks into lines (SSE lines end with \n; a chunk may end mid-line). */
    static final class LineSplitter {
        private final java.util.function.Consumer<String> onLine;
        private final StringBuilder partial = new StringBuilder();

        LineSplitter(java.util.function.Consumer<String> onLine) {
            this.onLine = onLine;
        }

        void feed(Buffer chunk) {
            String text = chunk.toString(StandardCharsets.UTF_8);
            int from = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
                partial.append(text, from, nl);
                onLine.accept(partial.toString());
                partial.setLength(0);
                from = nl + 1;
            }
            partial.append(text, from, text.length());
        }
    }

    /** Publishes at {@link #RATE}, paced per millisecond tick, spread over sessions and the four groups. */
    static final class Publisher {
        private final KafkaProducer<String, String> producer;
        private final String[] sessions = new String[SESSIONS];
        private final long[] sequences = new long[SESSIONS];
        private long n;

        Publisher(KafkaProducer<String, String> producer) {
            this.producer = producer;
            for (int i = 0; i < SESSIONS; i++) {
                sessions[i] = UUID.randomUUID().toString();
            }
        }

        /** Returns how many were sent; {@code everySecond} runs once a second (memory sampling). */
        long run(Duration duration, Runnable everySecond) throws InterruptedException {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long sent = 0;
            long nextSecond = start + 1_000_000_000L;
            while (System.nanoTime() < end) {
                long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                while (sent < due) {
                    send();
                    sent++;
                }
                if (System.nanoTime() >= nextSecond) {
                    everySecond.run();
                    nextSecond += 1_000_000_000L;
                }
                Thread.sleep(1);
            }
            producer.flush();
            return sent;
        }

        private void send() {
            int s = (int) (n++ % SESSIONS);
            String group = BenchData.GROUPS.get(s % BenchData.GROUPS.size());
            EventType type = EventType.AGENT_CONNECTED;
            SessionEvent event = new SessionEvent(UUID.randomUUID().toString(), sessions[s], ++sequences[s],
                    SessionEventKind.LIFECYCLE, type, type.defaultSeverity(), "User CORP\\user" + s
                    + " has logged in to a new session on machine VDI-" + s, System.currentTimeMillis(), group, false,
                    "pod-eu-west", "S-1-5-21-1-" + s, "CORP\\user" + s, "machine-" + s, "VDI-" + s,
                    "vdi-" + s + ".corp.example.com", "Desktops", null, SessionState.CONNECTED, null, null, null, null,
                    null, null, null);
            RecordHeaders headers = BenchData.headers(SessionEventKind.LIFECYCLE.cloudEventType(), event.eventId(),
                    event.sessionId());
            headers.add(CloudEventHeaders.DATA_SCHEMA, BenchData.bytes(SessionEvent.DATA_SCHEMA));
            producer.send(new ProducerRecord<>(Topics.SESSION_EVENTS, null, event.sessionId(), JsonCodec.write(event),
                    headers));
        }
    }

    /** The service's JVM among this driver's child processes. */
    static long pidOf(ServiceProcess service) {
        Optional<ProcessHandle> process = ProcessHandle.current().descendants().filter(handle -> handle.info()
                .commandLine().map(line -> line.contains(service.name() + "/target/quarkus-app")).orElse(false))
                .findFirst();
        return process.orElseThrow(() -> new IllegalStateException("no process of " + service.name())).pid();
    }

    /** Resident set size in KiB, from /proc (Linux). */
    static long rssKiB(long pid) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            return status.stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }

    static String login(int port, String user) throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/rest/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"LOCAL\",\"username\":\"" + user
                        + "\",\"password\":\"" + user + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    static String get(int port, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
