package io.sessionplane.session.feed;

import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.session.support.DemoAccessGroups;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes SessionEvents on session.events.v1 as the event topology does (key = session id, binary CloudEvents
 * headers), directly: the feed's tests do not depend on the topology.
 */
final class FeedEvents {
    private FeedEvents() {
    }

    static SessionEvent event(String sessionId, String group, boolean federated, long sequence, String message) {
        EventType type = EventType.AGENT_CONNECTED;
        return new SessionEvent(UUID.randomUUID().toString(), sessionId, sequence, SessionEventKind.LIFECYCLE, type,
                type.defaultSeverity(), message, System.currentTimeMillis(), group, federated,
                federated ? DemoAccessGroups.REMOTE_POD : DemoAccessGroups.LOCAL_POD, "S-1-5-21-7-" + sequence,
                "EXAMPLE\\jdoe", "machine-" + sessionId, "VDI-" + sequence, "vdi.example.com", "Finance Desktops", null,
                SessionState.CONNECTED, null, null, null, null, null, null, null);
    }

    static SessionEvent finance(String sessionId, long sequence) {
        return event(sessionId, DemoAccessGroups.FINANCE, false, sequence, "event " + sequence);
    }

    static SessionEvent publish(SessionEvent event) {
        KafkaTestClient.shared().send(Topics.SESSION_EVENTS, event.sessionId(), JsonCodec.write(event), Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, event.eventId(),
                CloudEventHeaders.TYPE, event.kind().cloudEventType(),
                CloudEventHeaders.SOURCE, SessionEvent.SOURCE,
                CloudEventHeaders.SUBJECT, event.sessionId(),
                CloudEventHeaders.TIME, Instant.ofEpochMilli(event.time()).toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON,
                CloudEventHeaders.DATA_SCHEMA, SessionEvent.DATA_SCHEMA));
        return event;
    }
}
