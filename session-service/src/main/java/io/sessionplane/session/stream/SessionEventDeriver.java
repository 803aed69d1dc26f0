package io.sessionplane.session.stream;

import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.kit.id.DerivedIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the internal topics say about a session into the facts of the public stream, given what is known of it
 * so far. Pure: the same state and input always give the same events and ids, so a batch reprocessed after a crash
 * (its transaction aborted) produces exactly what the first attempt would have.
 *
 * <p>Lifecycle types follow Horizon's agent events: a session first seen PENDING is AGENT_PENDING, CONNECTED after
 * nothing or PENDING is AGENT_CONNECTED, CONNECTED → DISCONNECTED is AGENT_DISCONNECTED, DISCONNECTED → CONNECTED is
 * AGENT_RECONNECTED; a tombstone ends it: AGENT_PENDING_EXPIRED if it never connected, else AGENT_ENDED.
 */
public final class SessionEventDeriver {

    /** Where an input record came from: its topic, partition and offset make the derived event ids stable. */
    public record Origin(String topic, int partition, long offset) {
        String eventId(int index) {
            return DerivedIds.uuid("session-event", topic, Integer.toString(partition), Long.toString(offset),
                    Integer.toString(index));
        }
    }

    /** The new state to store and the events to publish, in order. */
    public record Derived(TimelineState state, List<SessionEvent> events) {
        static Derived nothing(TimelineState state) {
            return new Derived(state, List.of());
        }
    }

    private SessionEventDeriver() {
    }

    /** A snapshot from session.inventory.v1. */
    public static Derived snapshot(TimelineState known, SessionSnapshot snapshot, Origin origin) {
        if (snapshot.observedAt() < known.observedAt()) {
            return Derived.nothing(known);
        }
        SessionInfo session = snapshot.session();
        SessionNames names = snapshot.names();
        SessionState before = known.state();
        SessionState now = session.sessionState();
        TimelineState next = new TimelineState(known.sequence(), now, snapshot.observedAt(), 0,
                session.accessGroupId(), session.federated(), snapshot.podId(), session.userId(),
                names == null ? known.userName() : names.userName(), session.machineId(),
                names == null ? known.machineName() : names.machineName(),
                names == null ? known.machineDnsName() : names.machineDnsName(),
                names == null ? known.desktopPoolName() : names.desktopPoolName(),
                names == null ? known.applicationPoolName() : names.applicationPoolName(), known.recent());
        Optional<EventType> type = transition(before, now);
        if (type.isEmpty()) {
            return Derived.nothing(next);
        }
        return emit(next, session.id(), origin, List.of(lifecycle(type.get(), next, snapshot.observedAt())));
    }

    /** A tombstone from session.inventory.v1: the session ended at {@code at}. */
    public static Derived ended(TimelineState known, String sessionId, long at, Origin origin) {
        if (at < known.observedAt()) {
            return Derived.nothing(known);
        }
        if (known.state() == null) {
            // Never seen alive, or already ended: nothing to tell, but an older snapshot must not revive it.
            return Derived.nothing(known.endedAt() > 0 ? known : known.ended(at));
        }
        EventType type = known.state() == SessionState.PENDING ? EventType.AGENT_PENDING_EXPIRED : EventType.AGENT_ENDED;
        TimelineState next = known.ended(at);
        return emit(next, sessionId, origin, List.of(lifecycle(type, next, at)));
    }

    /** An accepted command from session.commands.v1 (told once per command id). */
    public static Derived requested(TimelineState known, SessionCommand command, Origin origin) {
        if (known.told(command.commandId())) {
            return Derived.nothing(known);
        }
        TimelineState next = known.orFrom(command.accessGroupId(), command.federated(), command.podId(),
                command.userId(), null, command.machineId(), null, null, null).telling(command.commandId());
        EventType type = command.action().requestedType();
        String message = command.requestedBy() + " requested " + command.action().describeRequest(command.forced(),
                command.messageType()) + " of the session of " + who(next) + on(next);
        SessionEvent event = event(next, SessionEventKind.ACTION_REQUESTED, type, type.defaultSeverity(), message,
                command.requestedAt(), command.commandId(), command, null, null);
        return emit(next, command.sessionId(), origin, List.of(event));
    }

    /** The agent's outcome from session.outcomes.v1 (told once per event id). */
    public static Derived outcome(TimelineState known, SessionOutcome outcome, Origin origin) {
        if (known.told(outcome.eventId())) {
            return Derived.nothing(known);
        }
        TimelineState next = known.orFrom(null, false, outcome.podId(), outcome.userId(), outcome.userName(),
                outcome.machineId(), outcome.machineDnsName(), outcome.desktopPoolName(),
                outcome.applicationPoolName()).telling(outcome.eventId());
        SessionEvent event = new SessionEvent(null, outcome.sessionId(), 0, SessionEventKind.ACTION_OUTCOME,
                outcome.eventType(), outcome.severity() != null ? outcome.severity()
                        : outcome.eventType().defaultSeverity(), outcome.message() != null ? outcome.message()
                        : outcomeMessage(outcome, next), outcome.time(),
                next.accessGroupId(), next.federated(), next.podId(), next.userId(), next.userName(),
                next.machineId(), next.machineName(), next.machineDnsName(), next.desktopPoolName(),
                next.applicationPoolName(), stateAfter(outcome, next.state()), outcome.commandId(), outcome.action(),
                outcome.requestedBy(), outcome.status(), outcome.errorKey(), null, null, outcome.jobId());
        return emit(next, outcome.sessionId(), origin, List.of(event));
    }

    /**
     * The session's state after an outcome, as the contract defines {@code session_state} ("after the event; absent
     * once it ended"): a successful disconnect leaves it DISCONNECTED, a successful log off, reset or restart ends it.
     * The timeline's own state still follows the agent's reports, so its lifecycle event (AGENT_DISCONNECTED,
     * AGENT_ENDED) is told when the agent reports the change.
     */
    static SessionState stateAfter(SessionOutcome outcome, SessionState reported) {
        if (outcome.status() != io.sessionplane.contracts.command.CommandStatus.SUCCEEDED || outcome.action() == null) {
            return reported;
        }
        return switch (outcome.action().effect()) {
            case DISCONNECTS -> reported == null ? null : SessionState.DISCONNECTED;
            case ENDS_SESSION -> null;
            case NONE -> reported;
        };
    }

    /**
     * A remote-assistance transition from assist.outcomes.v1 (told once per event id); other assist records (agent-id
     * lookups) are not told.
     */
    public static Derived assistance(TimelineState known, AssistOutcome outcome, Origin origin) {
        if (!outcome.eventType().name().startsWith("REMOTE_ASSISTANCE_") || known.told(outcome.eventId())) {
            return Derived.nothing(known);
        }
        TimelineState next = known.orFrom(null, false, null, outcome.userId(), outcome.userName(),
                outcome.machineId(), outcome.machineDnsName(), outcome.desktopPoolName(),
                outcome.applicationPoolName()).telling(outcome.eventId());
        SessionEvent event = new SessionEvent(null, outcome.sessionId(), 0, SessionEventKind.REMOTE_ASSISTANCE,
                outcome.eventType(), outcome.severity() != null ? outcome.severity()
                        : outcome.eventType().defaultSeverity(), outcome.message() != null ? outcome.message()
                        : outcome.eventType().name() + " for the session of " + who(next), outcome.time(),
                next.accessGroupId(), next.federated(), next.podId(), next.userId(), next.userName(),
                next.machineId(), next.machineName(), next.machineDnsName(), next.desktopPoolName(),
                next.applicationPoolName(), next.state(), null, null, outcome.requestedBy(), null, null,
                outcome.shareSpaceId(), outcome.status());
        return emit(next, outcome.sessionId(), origin, List.of(event));
    }

    /** The words of an outcome whose agent sent none (the message is optional on the internal topic). */
    private static String outcomeMessage(SessionOutcome outcome, TimelineState s) {
        String result = outcome.status() == null ? "finished" : outcome.status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ');
        return outcome.action().pathSegment() + " of the session of " + who(s) + on(s) + ": " + result
                + (outcome.errorKey() != null ? " (" + outcome.errorKey() + ")" : "");
    }

    static Optional<EventType> transition(SessionState before, SessionState now) {
        if (now == null || now == before) {
            return Optional.empty();
        }
        return Optional.of(switch (now) {
            case PENDING -> EventType.AGENT_PENDING;
            case CONNECTED -> before == SessionState.DISCONNECTED ? EventType.AGENT_RECONNECTED
                    : EventType.AGENT_CONNECTED;
            case DISCONNECTED -> EventType.AGENT_DISCONNECTED;
        });
    }

    /** Numbers the events after the state's last sequence and gives each its stable id. */
    private static Derived emit(TimelineState state, String sessionId, Origin origin, List<SessionEvent> events) {
        List<SessionEvent> numbered = new ArrayList<>(events.size());
        long sequence = state.sequence();
        for (int i = 0; i < events.size(); i++) {
            SessionEvent e = events.get(i);
            sequence++;
            numbered.add(new SessionEvent(origin.eventId(i), sessionId, sequence, e.kind(), e.eventType(),
                    e.severity(), e.message(), e.time(), e.accessGroupId(), e.federated(), e.podId(), e.userId(),
                    e.userName(), e.machineId(), e.machineName(), e.machineDnsName(), e.desktopPoolName(),
                    e.applicationPoolName(), e.sessionState(), e.commandId(), e.action(), e.requestedBy(), e.status(),
                    e.errorKey(), e.shareSpaceId(), e.shareSpaceStatus(), e.jobId()));
        }
        return new Derived(state.withSequence(sequence), numbered);
    }

    private static SessionEvent lifecycle(EventType type, TimelineState s, long time) {
        String user = who(s);
        String machine = s.machineName() != null ? s.machineName() : s.machineDnsName() != null ? s.machineDnsName()
                : s.machineId();
        String message = switch (type) {
            case AGENT_PENDING -> "The agent running on machine " + machine + " has accepted an allocated session for user "
                    + user;
            case AGENT_PENDING_EXPIRED -> "The pending session on machine " + machine + " for user " + user
                    + " has expired";
            case AGENT_CONNECTED -> "User " + user + " has logged in to a new session on machine " + machine;
            case AGENT_DISCONNECTED -> "User " + user + " has disconnected from machine " + machine;
            case AGENT_RECONNECTED -> "User " + user + " has reconnected to machine " + machine;
            case AGENT_ENDED -> "User " + user + " has logged off machine " + machine;
            default -> throw new IllegalArgumentException("not a lifecycle type: " + type);
        };
        return event(s, SessionEventKind.LIFECYCLE, type, type.defaultSeverity(), message, time, null, null, null,
                null);
    }

    private static SessionEvent event(TimelineState s, SessionEventKind kind, EventType type,
            io.sessionplane.contracts.event.Severity severity, String message, long time, String commandId,
            SessionCommand command, io.sessionplane.contracts.command.CommandStatus status, String errorKey) {
        return new SessionEvent(null, null, 0, kind, type, severity, message, time, s.accessGroupId(), s.federated(),
                s.podId(), s.userId(), s.userName(), s.machineId(), s.machineName(), s.machineDnsName(),
                s.desktopPoolName(), s.applicationPoolName(), s.state(), commandId,
                command == null ? null : command.action(), command == null ? null : command.requestedBy(), status,
                errorKey, null, null, command == null ? null : command.jobId());
    }

    private static String who(TimelineState s) {
        return s.userName() != null ? s.userName() : s.userId() != null ? s.userId() : "(unknown user)";
    }

    private static String on(TimelineState s) {
        String machine = s.machineName() != null ? s.machineName() : s.machineDnsName();
        return machine == null ? "" : " on " + machine;
    }
}
