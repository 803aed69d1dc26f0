package io.sessionplane.simulator.fleet;

import io.sessionplane.contracts.command.ActionRules;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.kit.id.DerivedIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The simulated sessions of every pod, and what agents do to them. All state changes happen under this object's
 * lock, so commands and churn never interleave halfway.
 */
public final class Fleet {
    /** Command ids remembered to ignore redeliveries; plenty for any realistic redelivery window. */
    private static final int REMEMBERED_COMMANDS = 1_000_000;

    private final SimulatorConfig config;
    private final SessionGenerator generator;
    private final Random random;
    private final Map<String, SimSession> sessions = new LinkedHashMap<>();
    private final Map<String, SimSession> byMachine = new LinkedHashMap<>();
    private final Map<String, Boolean> executed = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };

    public Fleet(SimulatorConfig config, long now) {
        this.config = config;
        this.generator = new SessionGenerator(config);
        this.random = new Random(config.seed() ^ 0x5DEECE66DL);
        generator.fleet(config.sessions(), now).forEach(this::add);
    }

    private void add(SimSession session) {
        sessions.put(session.id, session);
        if (session.machineId != null) {
            byMachine.put(session.machineId, session);
        }
    }

    private void remove(SimSession session) {
        sessions.remove(session.id);
        if (session.machineId != null) {
            byMachine.remove(session.machineId);
        }
    }

    public String localPod() {
        return config.podId();
    }

    public synchronized int size() {
        return sessions.size();
    }

    public synchronized List<SessionSnapshot> snapshots(long now) {
        return sessions.values().stream().map(session -> session.snapshot(config.podId(), now)).toList();
    }

    public synchronized List<SimSession> sessions(Predicate<SimSession> filter) {
        return sessions.values().stream().filter(filter).toList();
    }

    public synchronized Optional<SimSession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public synchronized Optional<SimSession> onMachine(String machineId) {
        return Optional.ofNullable(byMachine.get(machineId));
    }

    /**
     * Executes a command the way an agent would, re-checking the documented rules against the session's current
     * state. Returns empty for a command already executed (a redelivery): it gets no second outcome.
     */
    public synchronized Optional<Execution> execute(SessionCommand command, long now) {
        if (executed.putIfAbsent(command.commandId(), Boolean.TRUE) != null) {
            return Optional.empty();
        }
        SimSession session = sessions.get(command.sessionId());
        boolean federated = command.federated() || (session != null && session.federated(config.podId()));
        if (command.expiredAt(now)) {
            // Too late: the operator gave up long ago. Nothing is done, and the outcome says why.
            return Optional.of(Execution.outcomeOnly(expired(command, session, federated, now)));
        }
        if (session == null) {
            return Optional.of(Execution.outcomeOnly(outcome(command, null, federated, false,
                    ErrorKeys.SESSION_NOT_FOUND, "session " + command.sessionId() + " does not exist on its agent", now)));
        }
        if (federated && config.commands().unreachablePods().contains(session.podId)) {
            return Optional.of(Execution.outcomeOnly(outcome(command, session, true, false, "federation.pod.unreachable",
                    "pod " + session.podId + " cannot be reached; the request was not forwarded", now)));
        }
        if (config.commands().failureRate() > 0 && random.nextDouble() < config.commands().failureRate()) {
            return Optional.of(Execution.outcomeOnly(outcome(command, session, federated, false, "agent.unavailable",
                    "the agent on " + machine(session) + " did not respond", now)));
        }
        SessionSnapshot before = session.snapshot(config.podId(), now);
        Optional<ActionRules.Refusal> refusal = ActionRules.executionRefusal(command.action(), before,
                command.forced());
        if (refusal.isPresent()) {
            // A federated request is still forwarded; the owning pod refuses it there.
            return Optional.of(Execution.outcomeOnly(federated
                    ? outcome(command, session, true, true, null, sentMessage(command, session), now)
                    : outcome(command, session, false, false, refusal.get().errorKey(), refusal.get().message(), now)));
        }
        String message = federated ? sentMessage(command, session) : doneMessage(command, session);
        SessionOutcome outcome = outcome(command, session, federated, true, null, message, now);
        // The simulator plays the owning pod too, so a forwarded command changes the session as well.
        return Optional.of(switch (command.action().effect()) {
            case DISCONNECTS -> {
                disconnect(session, now);
                yield new Execution(outcome, session.snapshot(config.podId(), now), null);
            }
            case ENDS_SESSION -> {
                remove(session);
                yield new Execution(outcome, null, session.id);
            }
            case NONE -> Execution.outcomeOnly(outcome);
        });
    }

    /** Command ids already executed by an earlier run (their outcomes are on the topic): not executed again. */
    public synchronized void rememberExecuted(java.util.Collection<String> commandIds) {
        commandIds.forEach(id -> executed.putIfAbsent(id, Boolean.TRUE));
    }

    private static void disconnect(SimSession session, long now) {
        session.lastSessionDurationMs = now - session.connectedSince;
        session.state = SessionState.DISCONNECTED;
        session.disconnectedTime = now;
        session.locked = false;
        session.idleMinutes = 0;
    }

    private static void reconnect(SimSession session, long now) {
        session.state = SessionState.CONNECTED;
        session.connectedSince = now;
        session.idleMinutes = 0;
    }

    private SessionOutcome outcome(SessionCommand command, SimSession session, boolean federated, boolean ok,
            String errorKey, String message, long now) {
        EventType type = command.action().outcomeType(federated, ok);
        CommandStatus status = federated ? (ok ? CommandStatus.REQUEST_SENT : CommandStatus.REQUEST_SEND_FAILED)
                : (ok ? CommandStatus.SUCCEEDED : CommandStatus.FAILED);
        // A local log off, reset or restart that succeeded ended the session; a federated one was only forwarded.
        boolean ended = ok && !federated && command.action().effect() == SessionAction.Effect.ENDS_SESSION;
        return outcome(command, session, type, status, ended, errorKey, message, now);
    }

    private static SessionOutcome outcome(SessionCommand command, SimSession session, EventType type,
            CommandStatus status, boolean ended, String errorKey, String message, long now) {
        SessionNames names = session == null ? null : session.names();
        // One outcome per command: its event id is derived from the command id, so a resend dedupes downstream.
        String eventId = DerivedIds.uuid("outcome:" + command.commandId());
        return new SessionOutcome(eventId, type, command.commandId(), command.action(), command.sessionId(), status,
                type.defaultSeverity(), message, errorKey, ended, now,
                session == null ? command.userId() : session.userId, names == null ? null : names.userName(),
                command.requestedBy(), session == null ? command.podId() : session.podId,
                session == null ? command.machineId() : session.machineId, names == null ? null : names.machineDnsName(),
                names == null ? null : names.desktopPoolName(), names == null ? null : names.applicationPoolName(),
                command.jobId());
    }

    private SessionOutcome expired(SessionCommand command, SimSession session, boolean federated, long now) {
        String late = java.time.Duration.ofMillis(now - command.expiresAt()).toSeconds() + " s";
        return outcome(command, session, EventType.SESSION_COMMAND_EXPIRED,
                federated ? CommandStatus.REQUEST_SEND_FAILED : CommandStatus.FAILED, false, ErrorKeys.COMMAND_EXPIRED,
                command.action().describeRequest(command.forced(), command.messageType()) + " requested by "
                        + command.requestedBy() + " reached the agent " + late + " after it expired; nothing was done",
                now);
    }

    private static String machine(SimSession session) {
        return session.machineName != null ? session.machineName : session.rdsServerId;
    }

    private static String doneMessage(SessionCommand command, SimSession session) {
        String who = command.requestedBy() + " ";
        String target = " of " + session.userName + " on " + machine(session);
        return switch (command.action()) {
            case DISCONNECT -> who + "disconnected the session" + target;
            case LOGOFF -> who + (Boolean.TRUE.equals(command.forced()) ? "forcibly logged off" : "logged off")
                    + " the session" + target;
            case RESET -> who + "reset the machine" + target;
            case RESTART -> who + "restarted the machine" + target;
            case SEND_MESSAGE -> who + "sent a " + command.messageType() + " message to the session" + target;
        };
    }

    private static String sentMessage(SessionCommand command, SimSession session) {
        return command.requestedBy() + " sent a " + command.action().pathSegment() + " request for the session of "
                + session.userName + " to pod " + session.podId;
    }

    /**
     * One churn event: a user disconnects, reconnects, logs off or a new user logs in; idle times grow; a pending
     * session connects or, if it ends first, expires. So every Horizon agent event (AGENT_PENDING, _PENDING_EXPIRED,
     * _CONNECTED, _DISCONNECTED, _RECONNECTED, _ENDED) happens in the fleet's normal life. Returns the snapshots and
     * ended session ids to publish.
     */
    public synchronized Churned churn(long now) {
        List<SessionSnapshot> changed = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        double roll = random.nextDouble();
        List<SimSession> all = new ArrayList<>(sessions.values());
        if (roll < 0.15 || all.isEmpty()) {
            SimSession fresh = generator.next(now);
            if (fresh.state == SessionState.DISCONNECTED) {
                // A new login is pending (the agent accepted it, AGENT_PENDING) or connected, never disconnected.
                reconnect(fresh, now);
            }
            add(fresh);
            changed.add(fresh.snapshot(config.podId(), now));
        } else {
            SimSession session = all.get(random.nextInt(all.size()));
            if (roll < 0.30) {
                remove(session);
                ended.add(session.id);
            } else if (session.state == SessionState.CONNECTED && roll < 0.65) {
                disconnect(session, now);
                changed.add(session.snapshot(config.podId(), now));
            } else if (session.state != SessionState.CONNECTED) {
                reconnect(session, now);
                changed.add(session.snapshot(config.podId(), now));
            } else {
                session.idleMinutes += 1 + random.nextInt(5);
                session.locked = session.idleMinutes > 15 || session.locked;
                changed.add(session.snapshot(config.podId(), now));
            }
        }
        return new Churned(changed, ended);
    }

    /**
     * The user of a disconnected (or pending) session reconnects, as churn would do at random: for demos and tests
     * that need an AGENT_RECONNECTED now. Empty when the session is unknown or already connected.
     */
    public synchronized Optional<SessionSnapshot> userReconnects(String sessionId, long now) {
        SimSession session = sessions.get(sessionId);
        if (session == null || session.state == SessionState.CONNECTED) {
            return Optional.empty();
        }
        reconnect(session, now);
        return Optional.of(session.snapshot(config.podId(), now));
    }

    /** What a churn event changed. */
    public record Churned(List<SessionSnapshot> snapshots, List<String> endedSessionIds) {
    }
}
