package io.sessionplane.session.feed;

import io.sessionplane.contracts.event.SessionEvent;

/**
 * One record of session.events.v1 as the feed holds it: where it is, the event (for visibility and filters) and its
 * JSON, serialised once and shared by every stream that sends it.
 */
record FeedEntry(int partition, long offset, SessionEvent event, String json) {

    /** The SSE {@code event:} name: the kind, so EventSource clients can listen per kind. */
    String name() {
        return event.kind() == null ? "UNKNOWN" : event.kind().name();
    }
}
