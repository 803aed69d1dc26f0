package io.sessionplane.session.feed;

import static io.sessionplane.session.feed.FeedEvents.event;
import static io.sessionplane.session.feed.FeedEvents.finance;
import static io.sessionplane.session.feed.FeedEvents.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.RecordSchemas;
import io.sessionplane.session.config.SessionServiceConfig;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed over HTTP against the real broker: events published on session.events.v1 reach SSE clients,
 * filtered to what each operator may view, resumable from any cursor (from the ring or replayed from Kafka when the
 * ring no longer holds it), with heartbeats, a cut-off for clients that stop reading, and per-operator limits.
 * The test profile's ring holds 64 events and a client may fall 32 behind.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionEventFeedTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SessionEventFeed feed;

    @Inject
    MeterRegistry registry;

    @Inject
    SessionServiceConfig config;

    private final List<SseClient> clients = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        clients.forEach(SseClient::close);
        await().atMost(WAIT).until(() -> feed.openStreams().isEmpty());
    }

    SseClient open(String user, Map<String, String> query, String lastEventId) {
        SseClient client = SseClient.open(Api.token(user), query, lastEventId);
        clients.add(client);
        assertThat(client.status()).as("status of %s's stream", user).isEqualTo(200);
        assertThat(client.response().headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        return client;
    }

    SseClient open(String user) {
        return open(user, Map.of(), null);
    }

    /** Reads until an event of {@code until} arrives; returns the events read (of any session) with their ids. */
    static List<Received> readUntil(SseClient client, Predicate<SessionEvent> until) {
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Message message = client.next(Duration.ofMillis(500));
            if (message == null) {
                continue;
            }
            // Tolerant as the feed is: another test's event of a newer type may be among them.
            SessionEvent event;
            try {
                event = JsonCodec.mapper().reader().with(com.fasterxml.jackson.databind.DeserializationFeature
                        .READ_UNKNOWN_ENUM_VALUES_AS_NULL).readValue(message.data(), SessionEvent.class);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a session event: " + message.data(), e);
            }
            received.add(new Received(message, event));
            if (until.test(event)) {
                return received;
            }
        }
        throw new AssertionError("no matching event within " + WAIT + "; read " + received.stream()
                .map(r -> r.event().sessionId() + "#" + r.event().sequence()).toList());
    }

    record Received(SseClient.Message message, SessionEvent event) {
    }

    static Predicate<SessionEvent> is(SessionEvent expected) {
        return event -> event.eventId().equals(expected.eventId());
    }

    static List<String> ids(List<Received> received, Set<String> sessions) {
        return received.stream().map(Received::event).filter(e -> sessions.contains(e.sessionId()))
                .map(SessionEvent::eventId).toList();
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aHelpdeskStreamCarriesOnlyFinanceEventsAndAdminSeesAll() {
        SseClient helpdesk = open("helpdesk");
        SseClient admin = open("admin");
        String s = UUID.randomUUID().toString();
        SessionEvent financeEvent = publish(finance(s + "-fin", 1));
        SessionEvent engineering = publish(event(s + "-eng", DemoAccessGroups.ENGINEERING, false, 1, "eng"));
        SessionEvent contractors = publish(event(s + "-con", DemoAccessGroups.CONTRACTORS, false, 1, "con"));
        SessionEvent federated = publish(event(s + "-fed", DemoAccessGroups.FINANCE, true, 1, "federated"));
        Set<String> all = Set.of(financeEvent.eventId(), engineering.eventId(), contractors.eventId(),
                federated.eventId());

        Set<String> seenByAdmin = new HashSet<>();
        List<Received> adminRead = readUntil(admin, e -> {
            seenByAdmin.add(e.eventId());
            return seenByAdmin.containsAll(all);
        });
        // Every one is now in the ring both streams read; a later Finance event proves helpdesk passed them all.
        SessionEvent marker = publish(finance(s + "-fin", 2));
        List<Received> helpdeskRead = readUntil(helpdesk, is(marker));

        assertThat(helpdeskRead).allSatisfy(r -> {
            assertThat(r.event().accessGroupId()).isEqualTo(DemoAccessGroups.FINANCE);
            assertThat(r.event().federated()).isFalse();
        });
        assertThat(ids(helpdeskRead, Set.of(s + "-fin", s + "-eng", s + "-con", s + "-fed")))
                .containsExactly(financeEvent.eventId(), marker.eventId());
        assertThat(ids(adminRead, Set.of(s + "-fin", s + "-eng", s + "-con", s + "-fed")))
                .containsExactlyInAnyOrderElementsOf(all);

        Received first = helpdeskRead.stream().filter(r -> r.event().eventId().equals(financeEvent.eventId()))
                .findFirst().orElseThrow();
        assertThat(first.message().event()).isEqualTo("LIFECYCLE");
        assertThat(first.message().id()).matches("v1\\.[0-9a-z]+(\\.[0-9a-z]+)*");
        JsonNode data = JsonCodec.read(first.message().data(), JsonNode.class);
        assertThat(data.path("session_id").asText()).isEqualTo(s + "-fin");
        assertThat(data.path("event_type").asText()).isEqualTo("AGENT_CONNECTED");
        assertThat(data.path("access_group_id").asText()).isEqualTo(DemoAccessGroups.FINANCE);
    }

    /**
     * An event a newer producer wrote (an event_type this instance does not know, as during a rolling upgrade) is
     * delivered as written, not skipped as unreadable: consumers are told to tolerate new values, so the feed must
     * pass them on.
     */
    @Test
    void anEventTypeThisInstanceDoesNotKnowIsDeliveredAsWritten() {
        String s = UUID.randomUUID().toString();
        SseClient stream = open("admin", Map.of("session_id", s), null);
        SessionEvent first = publish(finance(s, 1));
        SessionEvent newer = finance(s, 2);
        KafkaTestClient.shared().send(Topics.SESSION_EVENTS, s, JsonCodec.write(newer).replace("\"AGENT_CONNECTED\"",
                "\"AGENT_TELEPORTED\""), Map.of(RecordSchemas.INVALID_HEADER, "a value of a newer schema"));
        SessionEvent last = publish(finance(s, 3));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !seen.contains("AGENT_CONNECTED " + last.eventId())) {
            SseClient.Message message = stream.next(Duration.ofMillis(500));
            if (message != null) {
                JsonNode data = JsonCodec.read(message.data(), JsonNode.class);
                seen.add(data.path("event_type").asText() + " " + data.path("event_id").asText());
            }
        }
        assertThat(seen).containsExactly("AGENT_CONNECTED " + first.eventId(), "AGENT_TELEPORTED " + newer.eventId(),
                "AGENT_CONNECTED " + last.eventId());
    }

    @Test
    void sessionIdAndFilterNarrowTheStream() {
        String s = UUID.randomUUID().toString();
        SseClient bySession = open("admin", Map.of("session_id", s + "-a"), null);
        SseClient byFilter = open("admin", Map.of("filter", "{\"type\":\"And\",\"filters\":["
                + "{\"type\":\"StartsWith\",\"name\":\"machine_id\",\"value\":\"MACHINE-" + s + "\"},"
                + "{\"type\":\"Not\",\"filter\":{\"type\":\"Equals\",\"name\":\"access_group_id\",\"value\":\""
                + DemoAccessGroups.FINANCE + "\"}}]}"), null);
        SessionEvent a = publish(finance(s + "-a", 1));
        SessionEvent b = publish(event(s + "-b", DemoAccessGroups.ENGINEERING, false, 1, "b"));
        SessionEvent a2 = publish(finance(s + "-a", 2));
        SessionEvent b2 = publish(event(s + "-b", DemoAccessGroups.ENGINEERING, false, 2, "b"));

        assertThat(ids(readUntil(bySession, is(a2)), Set.of(s + "-a", s + "-b")))
                .containsExactly(a.eventId(), a2.eventId());
        assertThat(ids(readUntil(byFilter, is(b2)), Set.of(s + "-a", s + "-b")))
                .containsExactly(b.eventId(), b2.eventId());
    }

    @Test
    void aFilterOnAFieldEventsDoNotCarryIs400() {
        SseClient refused = SseClient.open(Api.token("admin"), Map.of("filter",
                "{\"type\":\"Equals\",\"name\":\"agent_version\",\"value\":\"8.12.0\"}"), null);
        clients.add(refused);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorBody()).contains("common.invalid.filter").contains("session_id");

        SseClient badCursor = SseClient.open(Api.token("admin"), Map.of(), "42");
        clients.add(badCursor);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.errorBody()).contains("common.invalid.argument");

        SseClient anonymous = SseClient.open(null);
        clients.add(anonymous);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void logoutClosesTheStreamsItsAccessTokenOpened() throws Exception {
        var login = given().contentType(ContentType.JSON)
                .body(Map.of("domain", "LOCAL", "username", "helpdesk", "password", "helpdesk"))
                .post("/rest/login").then().statusCode(200).extract();
        SseClient stream = SseClient.open(login.path("access_token"), Map.of(), null);
        clients.add(stream);
        assertThat(stream.status()).isEqualTo(200);
        SseClient other = open("helpdesk");
        await().atMost(WAIT).until(() -> feed.openStreams().size() == 2);

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);

        SseClient.Message closing = stream.next(WAIT);
        assertThat(closing).isNotNull();
        assertThat(closing.event()).isEqualTo("closed");
        assertThat(JsonCodec.mapper().readTree(closing.data()).path("reason").asText()).isEqualTo("token-revoked");
        await().atMost(WAIT).until(stream::ended);
        assertThat(feed.openStreams()).hasSize(1);
        assertThat(other.ended()).isFalse();
        // Reconnecting with the revoked token is refused.
        SseClient again = SseClient.open(login.path("access_token"), Map.of(), null);
        clients.add(again);
        assertThat(again.status()).isEqualTo(401);
    }

    @Test
    void heartbeatsKeepAnIdleStreamAlive() {
        SseClient idle = open("helpdesk", Map.of("session_id", "no-such-session"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> idle.comments().contains("keep-alive"));
        assertThat(idle.comments().get(0)).isEqualTo("session events");
        assertThat(idle.ended()).isFalse();
    }

    /** A session id whose partition differs from the other's: cursors must hold the position of each. */
    String onAnotherPartition(String sessionId) {
        int partitions = feed.ring().partitions();
        for (int i = 0; ; i++) {
            String candidate = sessionId.substring(0, sessionId.length() - 2) + "-b" + i;
            if (partition(candidate, partitions) != partition(sessionId, partitions)) {
                return candidate;
            }
        }
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void reconnectingWithinTheRingDeliversExactlyTheMissedEvents() {
        String a = UUID.randomUUID() + "-a";
        String b = onAnotherPartition(a);
        Set<String> sessions = Set.of(a, b);
        SseClient observer = open("admin");
        SseClient first = open("helpdesk");
        SessionEvent seen = publish(finance(a, 1));
        List<Received> firstRead = readUntil(first, is(seen));
        String cursor = firstRead.get(firstRead.size() - 1).message().id();
        first.close();
        await().atMost(WAIT).until(() -> feed.openStreams().size() == 1);

        List<SessionEvent> missed = List.of(publish(finance(a, 2)), publish(finance(b, 1)),
                publish(finance(a, 3)));
        readUntil(observer, e -> e.eventId().equals(missed.get(2).eventId()));
        double replaysBefore = counter("sessionplane.feed.replays");

        SseClient resumed = open("helpdesk", Map.of(), cursor);
        List<SessionEvent> live = List.of(publish(finance(a, 4)), publish(finance(b, 2)));
        Set<String> expected = new HashSet<>(eventIds(missed));
        expected.addAll(eventIds(live));
        List<Received> read = readUntil(resumed, collecting(expected));

        assertResumedExactly(read, sessions, missed, live);
        assertThat(counter("sessionplane.feed.replays")).as("served from the ring").isEqualTo(replaysBefore);
    }

    @Test
    void reconnectingFromBeforeTheRingReplaysFromKafkaThenSwitchesToTheRing() {
        String a = UUID.randomUUID() + "-a";
        String b = onAnotherPartition(a);
        Set<String> sessions = Set.of(a, b);
        SseClient first = open("helpdesk");
        SessionEvent seen = publish(finance(a, 1));
        List<Received> firstRead = readUntil(first, is(seen));
        String cursor = firstRead.get(firstRead.size() - 1).message().id();
        first.close();
        await().atMost(WAIT).until(() -> feed.openStreams().isEmpty());

        // Three times the ring: the cursor's position is long gone from memory, never from Kafka.
        List<SessionEvent> missed = new ArrayList<>();
        for (int i = 2; i < 2 + 3 * config.feed().ringSize() / 2; i++) {
            missed.add(publish(finance(a, i)));
            missed.add(publish(event(b, DemoAccessGroups.FINANCE, false, i, "b")));
        }
        await().atMost(WAIT).until(() -> feed.ring().size() == config.feed().ringSize());
        double replaysBefore = counter("sessionplane.feed.replays");

        SseClient resumed = open("helpdesk", Map.of(), cursor);
        Set<String> expected = new HashSet<>(eventIds(missed));
        List<Received> replayed = readUntil(resumed, collecting(expected));
        assertThat(counter("sessionplane.feed.replays")).as("replayed from Kafka").isEqualTo(replaysBefore + 1);
        // Now live from the ring: the next events arrive once, after the replayed ones.
        await().atMost(WAIT).until(() -> feed.openStreams().get(0).isLive());
        List<SessionEvent> live = List.of(publish(finance(a, 1000)), publish(finance(b, 1000)));
        List<Received> read = new ArrayList<>(replayed);
        read.addAll(readUntil(resumed, collecting(new HashSet<>(eventIds(live)))));

        assertResumedExactly(read, sessions, missed, live);
    }

    @Test
    void aReaderThatStopsReadingIsCutOffWithinItsBuffer() throws Exception {
        double overflowsBefore = counter("sessionplane.feed.closes", "reason", "overflow");
        String s = UUID.randomUUID().toString();
        try (StalledReader stalled = StalledReader.open(Api.token("helpdesk"))) {
            assertThat(stalled.statusLine()).contains("200");
            await().atMost(WAIT).until(() -> feed.openStreams().size() == 1);
            // Large events fill the socket buffers quickly; then the stream falls behind until it is cut.
            String text = "x".repeat(16 * 1024);
            int published = 0;
            while (counter("sessionplane.feed.closes", "reason", "overflow") == overflowsBefore && published < 5000) {
                publish(event(s, DemoAccessGroups.FINANCE, false, ++published, text));
            }
            assertThat(counter("sessionplane.feed.closes", "reason", "overflow")).isEqualTo(overflowsBefore + 1);
            // Its place in the ring and the limits is free; the connection is closed after the grace period.
            await().atMost(WAIT).until(() -> feed.openStreams().isEmpty());
            assertThat(stalled.readToEnd(WAIT)).as("the server closed the connection").isTrue();
            double bufferedMax = registry.find("sessionplane.feed.buffered.events.max").gauge().value();
            assertThat(bufferedMax).isPositive().isLessThanOrEqualTo(config.feed().clientBuffer());
        }
    }

    @Test
    void anOperatorMayOpenOnlyTheConfiguredNumberOfStreams() {
        int limit = config.feed().maxStreamsPerOperator();
        for (int i = 0; i < limit; i++) {
            open("helpdesk");
        }
        SseClient refused = SseClient.open(Api.token("helpdesk"));
        clients.add(refused);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.errorBody()).contains(StreamLimits.TOO_MANY_STREAMS);
        // Another operator is not affected, and a closed stream frees its place.
        open("admin");
        clients.get(0).close();
        await().atMost(WAIT).until(() -> feed.openStreams().size() == limit);
        open("helpdesk");
    }

    private static Predicate<SessionEvent> collecting(Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        return event -> {
            missing.remove(event.eventId());
            return missing.isEmpty();
        };
    }

    private static List<String> eventIds(List<SessionEvent> events) {
        return events.stream().map(SessionEvent::eventId).toList();
    }

    /** Exactly the missed and the live events, each once, every session's in publication order. */
    private static void assertResumedExactly(List<Received> read, Set<String> sessions, List<SessionEvent> missed,
            List<SessionEvent> live) {
        List<SessionEvent> expected = new ArrayList<>(missed);
        expected.addAll(live);
        List<SessionEvent> mine = read.stream().map(Received::event).filter(e -> sessions.contains(e.sessionId()))
                .toList();
        assertThat(eventIds(mine)).as("each once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(eventIds(expected));
        Map<String, List<Long>> perSession = new LinkedHashMap<>();
        mine.forEach(e -> perSession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e.sequence()));
        Map<String, List<Long>> published = expected.stream().collect(Collectors.groupingBy(SessionEvent::sessionId,
                Collectors.mapping(SessionEvent::sequence, Collectors.toList())));
        assertThat(perSession).isEqualTo(published);
    }
}
