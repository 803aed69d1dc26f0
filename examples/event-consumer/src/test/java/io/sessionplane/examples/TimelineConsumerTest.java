package io.sessionplane.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TimelineConsumerTest {

    @Test
    void defaultsReadTheLocalStackFromNowInANewGroup() {
        Options options = Options.parse();
        assertEquals("localhost:19092", options.bootstrap());
        assertTrue(options.groupId().startsWith("timeline-example-"));
        assertTrue(!options.groupId().equals(Options.parse().groupId()), "a new group per run");
        assertFalse(options.fromBeginning());
        assertNull(options.sessionId());
        assertEquals(0, options.maxEvents());
        assertNull(options.timeout());
        assertFalse(options.json());
        Properties config = TimelineConsumer.consumerConfig(options);
        assertEquals("read_committed", config.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("latest", config.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    }

    @Test
    void everyOptionIsRead() {
        Options options = Options.parse("--bootstrap", "kafka:9092", "--group", "g1", "--from-beginning",
                "--session", "s-1", "--max-events", "6", "--timeout-seconds", "60", "--json");
        assertEquals(new Options("kafka:9092", "g1", true, "s-1", 6, Duration.ofSeconds(60), true), options);
        assertEquals("earliest", TimelineConsumer.consumerConfig(options).get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertEquals("unknown argument --follow",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--follow")).getMessage());
        assertEquals("--session needs a value",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--session", "--json")).getMessage());
        assertEquals("--max-events needs a value",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("--max-events")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--max-events", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--timeout-seconds", "ten"));
    }

    @Test
    void aRepeatedEventIdIsDroppedAndAJumpInSequenceIsAGap() {
        Timeline timeline = new Timeline(10);
        assertEquals(Timeline.Verdict.NEW, timeline.offer("e1", "s-1", 1).verdict());
        assertEquals(Timeline.Verdict.DUPLICATE, timeline.offer("e1", "s-1", 1).verdict());
        assertTrue(timeline.offer("e2", "s-1", 2).warning().isEmpty());
        // Another session's numbering is its own.
        assertTrue(timeline.offer("x7", "s-2", 7).warning().isEmpty(), "a consumer starting late sees any first");
        Timeline.Result gap = timeline.offer("e5", "s-1", 5);
        assertEquals(Timeline.Verdict.NEW, gap.verdict());
        assertEquals("gap in session s-1: sequence 3-4 missing (got 5 after 2)", gap.warning().orElseThrow());
        assertEquals("gap in session s-2: sequence 8 missing (got 9 after 7)",
                timeline.offer("x9", "s-2", 9).warning().orElseThrow());
        assertTrue(timeline.offer("e4", "s-1", 4).warning().orElseThrow().contains("out of order"));
    }

    @Test
    void theRememberedIdsAreBounded() {
        Timeline timeline = new Timeline(2);
        timeline.offer("a", "s", 1);
        timeline.offer("b", "s", 2);
        timeline.offer("c", "s", 3);
        assertEquals(Timeline.Verdict.NEW, timeline.offer("a", "s", 4).verdict(), "the oldest id was forgotten");
        assertEquals(Timeline.Verdict.DUPLICATE, timeline.offer("c", "s", 3).verdict());
    }

    @Test
    void printsOneLinePerNewEventForPeopleOrAsJsonAndFiltersBySession() {
        String logon = event("e1", "s-1", 1, "AGENT_CONNECTED", "User CORP\\\\jdoe has logged in to a new session on machine VDI-7");
        String other = event("e2", "s-2", 1, "AGENT_CONNECTED", "someone else");
        String logoff = event("e3", "s-1", 2, "AGENT_ENDED", "User CORP\\\\jdoe has logged off machine VDI-7");

        Captured people = run(Options.parse("--session", "s-1"), logon, other, logon, logoff);
        assertEquals("1  2026-09-21T14:13:20Z  AGENT_CONNECTED  User CORP\\jdoe has logged in to a new session on "
                + "machine VDI-7\n2  2026-09-21T14:13:20Z  AGENT_ENDED  User CORP\\jdoe has logged off machine VDI-7\n",
                people.out());

        Captured json = run(Options.parse("--json"), logon, other, logoff);
        assertEquals(logon + "\n" + other + "\n" + logoff + "\n", json.out());
    }

    @Test
    void aStructuredModeRecordIsUnwrapped() {
        String data = event("e1", "s-1", 1, "AGENT_PENDING", "pending");
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"io.sessionplane.session.lifecycle.v1\","
                + "\"source\":\"/x\",\"data\":" + data + "}";
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TimelineConsumer.TOPIC, 0, 0, "s-1", envelope);
        record.headers().add("content-type", TimelineConsumer.STRUCTURED.getBytes(StandardCharsets.UTF_8));
        Captured captured = new Captured(Options.parse("--json"));
        captured.consumer.handle(record);
        assertEquals(data + "\n", captured.out());
        // A media type with parameters, in any case, is the same media type.
        assertTrue(TimelineConsumer.structured("Application/CloudEvents+JSON; charset=utf-8"));
        assertFalse(TimelineConsumer.structured("application/json"));
        assertFalse(TimelineConsumer.structured(null));
    }

    @Test
    void whatIsNotAnEventIsReportedAndSkipped() {
        Captured captured = run(Options.parse(), "not json", "{\"session_id\":\"s-1\"}");
        assertEquals("", captured.out());
        assertTrue(captured.err().contains("not JSON") && captured.err().contains("without event_id"), captured.err());
    }

    private static String event(String id, String session, long sequence, String type, String message) {
        return "{\"event_id\":\"" + id + "\",\"session_id\":\"" + session + "\",\"sequence\":" + sequence
                + ",\"kind\":\"LIFECYCLE\",\"event_type\":\"" + type + "\",\"severity\":\"INFO\",\"message\":\""
                + message + "\",\"time\":1790000000000,\"federated\":false}";
    }

    private static Captured run(Options options, String... values) {
        Captured captured = new Captured(options);
        long offset = 0;
        for (String value : values) {
            captured.consumer.handle(new ConsumerRecord<>(TimelineConsumer.TOPIC, 0, offset++, "s-1", value));
        }
        return captured;
    }

    private static final class Captured {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final TimelineConsumer consumer;

        Captured(Options options) {
            consumer = new TimelineConsumer(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
