package io.sessionplane.session.stream;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public stream's derivation in plain JUnit: lifecycle by state transition, numbering, stable ids. */
class SessionEventDeriverTest {
    private long offset;
    private final List<SessionEvent> told = new ArrayList<>();
    private TimelineState state = TimelineState.unknown();

    private SessionEventDeriver.Origin next(String topic) {
        return new SessionEventDeriver.Origin(topic, 3, offset++);
    }

    private void apply(SessionEventDeriver.Derived derived) {
        state = derived.state();
        told.addAll(derived.events());
    }

    private void snapshot(SessionFixture fixture, long at) {
        apply(SessionEventDeriver.snapshot(state, fixture.observedAt(at).snapshot(), next("session.inventory.v1")));
    }

    @Test
    void aSessionsWholeLifeIsToldInOrderWithoutGaps() {
        SessionFixture s = session().user("S-1-5-21-1", "EXAMPLE\\jdoe").state(SessionState.PENDING);
        snapshot(s, 1_000);
        snapshot(s.state(SessionState.CONNECTED), 2_000);
        snapshot(s, 2_500); // idle time changed only: nothing to tell
        SessionCommand command = new SessionCommand("c-1", SessionAction.DISCONNECT, s.id(), "pod-eu-west", false, null,
                null, null, "LOCAL\\admin", 3_000, "machine-" + s.id(), "S-1-5-21-1", DemoAccessGroups.FINANCE);
        apply(SessionEventDeriver.requested(state, command, next("session.commands.v1")));
        SessionOutcome outcome = new SessionOutcome("o-1", EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, "c-1",
                SessionAction.DISCONNECT, s.id(), CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, "done", null, false,
                3_100, "S-1-5-21-1", "EXAMPLE\\jdoe", "LOCAL\\admin", "pod-eu-west", "m", "m.example.com", "Finance",
                null);
        apply(SessionEventDeriver.outcome(state, outcome, next("session.outcomes.v1")));
        snapshot(s.state(SessionState.DISCONNECTED), 3_200);
        snapshot(s.state(SessionState.CONNECTED), 4_000);
        apply(SessionEventDeriver.ended(state, s.id(), 5_000, next("session.inventory.v1")));

        assertThat(told).extracting(SessionEvent::eventType).containsExactly(EventType.AGENT_PENDING,
                EventType.AGENT_CONNECTED, EventType.SESSION_DISCONNECT_REQUESTED,
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, EventType.AGENT_DISCONNECTED,
                EventType.AGENT_RECONNECTED, EventType.AGENT_ENDED);
        assertThat(told).extracting(SessionEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(told).extracting(SessionEvent::kind).containsExactly(SessionEventKind.LIFECYCLE,
                SessionEventKind.LIFECYCLE, SessionEventKind.ACTION_REQUESTED, SessionEventKind.ACTION_OUTCOME,
                SessionEventKind.LIFECYCLE, SessionEventKind.LIFECYCLE, SessionEventKind.LIFECYCLE);
        assertThat(told).allSatisfy(event -> {
            assertThat(event.sessionId()).isEqualTo(s.id());
            assertThat(event.accessGroupId()).isEqualTo(DemoAccessGroups.FINANCE);
            assertThat(event.eventId()).isNotBlank();
        });
        assertThat(told.get(1).message()).isEqualTo("User EXAMPLE\\jdoe has logged in to a new session on machine VDI-"
                + s.id().substring(0, 6));
        assertThat(told.get(6).message()).isEqualTo("User EXAMPLE\\jdoe has logged off machine VDI-"
                + s.id().substring(0, 6));
        assertThat(told.get(2).commandId()).isEqualTo("c-1");
        assertThat(told.get(2).requestedBy()).isEqualTo("LOCAL\\admin");
        assertThat(told.get(2).message()).startsWith("LOCAL\\admin requested a disconnect of the session of ");
        assertThat(told.get(3).status()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(told.stream().map(SessionEvent::eventId).distinct()).hasSize(told.size());
        // session_state is the state after each event: the request changes nothing, the successful disconnect leaves
        // the session DISCONNECTED (before the agent's own report says so), the end leaves none.
        assertThat(told).extracting(SessionEvent::sessionState).containsExactly(SessionState.PENDING,
                SessionState.CONNECTED, SessionState.CONNECTED, SessionState.DISCONNECTED, SessionState.DISCONNECTED,
                SessionState.CONNECTED, null);
    }

    /** An outcome's session_state: what a successful action left; a failed one left the session as it was. */
    @Test
    void anOutcomeTellsTheStateTheActionLeft() {
        SessionFixture s = session().state(SessionState.CONNECTED);
        snapshot(s, 1_000);
        for (SessionAction action : SessionAction.values()) {
            for (CommandStatus status : List.of(CommandStatus.SUCCEEDED, CommandStatus.FAILED)) {
                boolean succeeded = status == CommandStatus.SUCCEEDED;
                SessionOutcome outcome = new SessionOutcome("o-" + action + status, action.outcomeType(false,
                        succeeded), "c-" + action + status, action, s.id(), status, Severity.AUDIT_SUCCESS, "m", null,
                        false, 2_000, null, null, "LOCAL\\admin", "pod-eu-west", null, null, null, null);
                SessionState after = SessionEventDeriver.outcome(state, outcome, next("session.outcomes.v1")).events()
                        .get(0).sessionState();
                SessionState expected = !succeeded ? SessionState.CONNECTED
                        : switch (action.effect()) {
                            case DISCONNECTS -> SessionState.DISCONNECTED;
                            case ENDS_SESSION -> null;
                            case NONE -> SessionState.CONNECTED;
                        };
                assertThat(after).as("%s %s", action, status).isEqualTo(expected);
            }
        }
    }

    @Test
    void aPendingSessionThatNeverConnectsExpires() {
        SessionFixture s = session().state(SessionState.PENDING);
        snapshot(s, 1_000);
        apply(SessionEventDeriver.ended(state, s.id(), 2_000, next("session.inventory.v1")));
        assertThat(told).extracting(SessionEvent::eventType).containsExactly(EventType.AGENT_PENDING,
                EventType.AGENT_PENDING_EXPIRED);
        assertThat(told.get(1).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void lateAndRepeatedRecordsTellNothing() {
        SessionFixture s = session();
        snapshot(s, 2_000);
        snapshot(s.state(SessionState.DISCONNECTED), 1_000); // older than what is known
        apply(SessionEventDeriver.ended(state, s.id(), 3_000, next("session.inventory.v1")));
        apply(SessionEventDeriver.ended(state, s.id(), 3_500, next("session.inventory.v1"))); // a second tombstone
        snapshot(s, 2_500); // a snapshot from before the end must not revive it
        assertThat(told).extracting(SessionEvent::eventType).containsExactly(EventType.AGENT_CONNECTED,
                EventType.AGENT_ENDED);
    }

    @Test
    void theSameInputAlwaysGivesTheSameEventIds() {
        SessionFixture s = session();
        SessionEventDeriver.Origin origin = new SessionEventDeriver.Origin("session.inventory.v1", 1, 42);
        SessionEvent first = SessionEventDeriver.snapshot(TimelineState.unknown(), s.snapshot(), origin).events().get(0);
        SessionEvent again = SessionEventDeriver.snapshot(TimelineState.unknown(), s.snapshot(), origin).events().get(0);
        assertThat(again).isEqualTo(first);
        SessionEvent elsewhere = SessionEventDeriver.snapshot(TimelineState.unknown(), s.snapshot(),
                new SessionEventDeriver.Origin("session.inventory.v1", 1, 43)).events().get(0);
        assertThat(elsewhere.eventId()).isNotEqualTo(first.eventId());
    }

    /** A retried command (same Idempotency-Key, same command id) and a resent outcome are told once each. */
    @Test
    void theSameCommandOrOutcomeOnTheTopicAgainIsToldOnce() {
        SessionFixture s = session().user("S-1-5-21-1", "EXAMPLE\\jdoe").state(SessionState.CONNECTED);
        snapshot(s, 1_000);
        SessionCommand command = new SessionCommand("c-9", SessionAction.LOGOFF, s.id(), "pod-eu-west", false, false,
                null, null, "LOCAL\\admin", 2_000, "machine-" + s.id(), "S-1-5-21-1", DemoAccessGroups.FINANCE);
        SessionOutcome expired = new SessionOutcome("o-9", EventType.SESSION_COMMAND_EXPIRED, "c-9",
                SessionAction.LOGOFF, s.id(), CommandStatus.FAILED, Severity.AUDIT_FAIL, "expired", 
                "inventory.session.command.expired", false, 2_100, "S-1-5-21-1", "EXAMPLE\\jdoe", "LOCAL\\admin",
                "pod-eu-west", "m", "m.example.com", "Finance", null);
        for (int copy = 0; copy < 2; copy++) {
            apply(SessionEventDeriver.requested(state, command, next("session.commands.v1")));
            apply(SessionEventDeriver.outcome(state, expired, next("session.outcomes.v1")));
        }
        assertThat(told).extracting(SessionEvent::eventType).containsExactly(EventType.AGENT_CONNECTED,
                EventType.SESSION_LOGOFF_REQUESTED, EventType.SESSION_COMMAND_EXPIRED);
        assertThat(told).extracting(SessionEvent::sequence).containsExactly(1L, 2L, 3L);
        // Only the last few ids are kept: a command seen long ago and sent again would be told again.
        for (int i = 0; i < TimelineState.RECENT; i++) {
            SessionCommand other = new SessionCommand("c-" + i, SessionAction.SEND_MESSAGE, s.id(), "pod-eu-west",
                    false, null, "hi", io.sessionplane.contracts.command.MessageType.INFO, "LOCAL\\admin", 3_000 + i,
                    "machine-" + s.id(), "S-1-5-21-1", DemoAccessGroups.FINANCE);
            apply(SessionEventDeriver.requested(state, other, next("session.commands.v1")));
        }
        assertThat(state.recent()).hasSize(TimelineState.RECENT).doesNotContain("c-9");
    }
}
