package io.sessionplane.contracts.command;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import java.util.Optional;

/**
 * The state rules of the Horizon Session service, shared by the control plane (which refuses early, from its read
 * model) and the agents (which re-check on execution, since state may have changed).
 */
public final class ActionRules {

    /** Why an action cannot be carried out on a session in its current state. */
    public record Refusal(String errorKey, String message) {
    }

    private ActionRules() {
    }

    /** Empty when the action may proceed. */
    public static Optional<Refusal> refusal(SessionAction action, SessionSnapshot snapshot, Boolean forced) {
        SessionInfo session = snapshot.session();
        return switch (action) {
            case DISCONNECT -> session.sessionState() == SessionState.DISCONNECTED
                    ? Optional.of(new Refusal(ErrorKeys.SESSION_ALREADY_DISCONNECTED,
                            "session " + session.id() + " is already disconnected"))
                    : Optional.empty();
            case LOGOFF -> snapshot.locked() && !Boolean.TRUE.equals(forced)
                    ? Optional.of(new Refusal(ErrorKeys.SESSION_LOCKED,
                            "session " + session.id() + " is locked; log off with forced=true"))
                    : Optional.empty();
            case RESET, RESTART -> resettable(action, snapshot);
            case SEND_MESSAGE -> Optional.empty();
        };
    }

    /**
     * The rules an agent applies when it executes: those of {@link #refusal}, plus what only the session itself can
     * tell (a message can be shown only in a connected session; the control plane does not refuse it early, since
     * the user may reconnect before the command arrives).
     */
    public static Optional<Refusal> executionRefusal(SessionAction action, SessionSnapshot snapshot, Boolean forced) {
        Optional<Refusal> early = refusal(action, snapshot, forced);
        if (early.isPresent()) {
            return early;
        }
        SessionInfo session = snapshot.session();
        return switch (action) {
            case DISCONNECT, LOGOFF, RESET, RESTART -> Optional.empty();
            case SEND_MESSAGE -> session.sessionState() != SessionState.CONNECTED
                    ? Optional.of(new Refusal(ErrorKeys.SESSION_NOT_CONNECTED,
                            "session " + session.id() + " is not connected; the message cannot be shown"))
                    : Optional.empty();
        };
    }

    private static Optional<Refusal> resettable(SessionAction action, SessionSnapshot snapshot) {
        SessionInfo session = snapshot.session();
        String verb = action.name().toLowerCase(java.util.Locale.ROOT);
        if (session.sessionType() == SessionType.APPLICATION) {
            return Optional.of(new Refusal(ErrorKeys.SESSION_NOT_RESETTABLE,
                    "cannot " + verb + " an application session"));
        }
        if (session.onRdsHost()) {
            return Optional.of(new Refusal(ErrorKeys.SESSION_NOT_RESETTABLE,
                    "cannot " + verb + " an RDS desktop session"));
        }
        if (!snapshot.vcenterManaged()) {
            return Optional.of(new Refusal(ErrorKeys.SESSION_NOT_RESETTABLE,
                    "cannot " + verb + " a machine that vCenter does not manage"));
        }
        return Optional.empty();
    }
}
