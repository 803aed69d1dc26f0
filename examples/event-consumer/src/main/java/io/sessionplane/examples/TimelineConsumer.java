package io.sessionplane.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints a live timeline of session.events.v1, as any outside consumer would read it: its own consumer group,
 * {@code isolation.level=read_committed} (the topic is written transactionally), dedupe by {@code event_id}, a gap
 * report when a session's {@code sequence} jumps. One line per event on stdout:
 * {@code sequence  time  event_type  message}, or with {@code --json} the event's JSON value; warnings go to stderr.
 */
public final class TimelineConsumer {
    public static final String TOPIC = "session.events.v1";
    /** A CloudEvents structured-mode record: the value is the envelope, the event is its {@code data}. */
    static final String STRUCTURED = "application/cloudevents+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final Timeline timeline = new Timeline(100_000);
    private long printed;
    private volatile boolean stopping;

    TimelineConsumer(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new TimelineConsumer(options, out, System.err).run();
    }

    static Properties consumerConfig(Options options) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        // Transactional producer: without this a consumer also sees records of aborted transactions (repeats).
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Only used when the group has no committed offset yet, i.e. for a new group id.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, options.fromBeginning() ? "earliest" : "latest");
        // Commits name the records handled, not the poll's end: auto-commit (and close) would commit a whole poll,
        // and a run stopped by --max-events mid-poll would skip the rest of it when its group resumes.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, options.groupId());
        return props;
    }

    void run() {
        long deadline = options.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeout().toNanos();
        CountDownLatch closed = new CountDownLatch(1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(options),
                new StringDeserializer(), new StringDeserializer())) {
            // Ctrl-C: leave the group cleanly instead of waiting for the session timeout.
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (closed.getCount() == 0) {
                    return; // stopped by itself
                }
                // The flag ends the loop even when a commit, not a poll, takes the wakeup.
                stopping = true;
                consumer.wakeup();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    main.interrupt();
                }
            }, "timeline-consumer-stop"));
            Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
            // A partition taken away mid-run: what was handled of it is committed before its next owner starts.
            consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(consumer, handled);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // starts from the group's committed offsets
                }
            });
            try {
                while (!stopping && !done() && System.nanoTime() < deadline) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    Duration wait = Duration.ofMillis(Math.min(500, left));
                    for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
                        handle(record);
                        handled.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                        if (done()) {
                            break;
                        }
                    }
                    commit(consumer, handled);
                }
            } catch (WakeupException e) {
                // stopping (Ctrl-C): what was handled is committed below
            }
            commit(consumer, handled);
        } finally {
            closed.countDown();
        }
    }

    /** Commits the position after each handled record; a failed commit only means those events come again. */
    private void commit(KafkaConsumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> handled) {
        if (handled.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(handled);
            handled.clear();
        } catch (WakeupException e) {
            // Ctrl-C during the commit (the wakeup is used up now): commit once more, then the loop ends on the flag
            commit(consumer, handled);
        } catch (KafkaException e) {
            err.println("could not commit the position (those events will be read again): " + e.getMessage());
        }
    }

    private boolean done() {
        return options.maxEvents() > 0 && printed >= options.maxEvents();
    }

    /** One record: unwrap, filter, dedupe, check the sequence, print. */
    void handle(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode event;
        try {
            JsonNode value = JSON.readTree(record.value());
            // Binary mode (what SessionPlane writes): the value is the event. Structured mode: it is in "data".
            event = structured(header(record, "content-type")) ? value.path("data") : value;
        } catch (IOException e) {
            err.println("skipping a record that is not JSON at " + record.partition() + "@" + record.offset());
            return;
        }
        String sessionId = event.path("session_id").asText(record.key());
        if (options.sessionId() != null && !options.sessionId().equals(sessionId)) {
            return;
        }
        String eventId = event.path("event_id").asText(null);
        if (eventId == null) {
            err.println("skipping an event without event_id at " + record.partition() + "@" + record.offset());
            return;
        }
        Timeline.Result result = timeline.offer(eventId, sessionId, event.path("sequence").asLong());
        result.warning().ifPresent(err::println);
        if (result.verdict() == Timeline.Verdict.DUPLICATE) {
            return;
        }
        out.println(options.json() ? event.toString() : line(event));
        printed++;
    }

    /** {@code sequence  time  event_type  message}, for people. */
    static String line(JsonNode event) {
        return event.path("sequence").asLong() + "  " + Instant.ofEpochMilli(event.path("time").asLong()) + "  "
                + event.path("event_type").asText() + "  " + event.path("message").asText();
    }

    /** The media type without its parameters ({@code ; charset=utf-8}), compared as media types are: ignoring case. */
    static boolean structured(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(STRUCTURED);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
