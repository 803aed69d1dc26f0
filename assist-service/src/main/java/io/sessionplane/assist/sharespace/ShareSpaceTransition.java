package io.sessionplane.assist.sharespace;

import static io.sessionplane.contracts.assist.ShareSpaceStatus.CLOSE;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.OPEN;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.WAIT_USER_ACCESS;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.WAIT_USER_CONFIRM;

import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.event.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The share-space transition table: what moves a space, from which states, to which, with which outcome event, and
 * whether the agent is told to withdraw the invitation (not when the user's own answer closed it, nor when the
 * session is gone). Pure data: {@link ShareSpaceService#transition} applies a row under the space's row lock.
 */
enum ShareSpaceTransition {
    USER_CONFIRMED(EnumSet.of(WAIT_USER_CONFIRM), WAIT_USER_ACCESS, EventType.REMOTE_ASSISTANCE_USER_CONFIRMED, false,
            null),
    USER_JOINED(EnumSet.of(WAIT_USER_CONFIRM, WAIT_USER_ACCESS), OPEN, EventType.REMOTE_ASSISTANCE_OPENED, false, null),
    USER_REFUSED(Live.STATES, CLOSE, EventType.REMOTE_ASSISTANCE_REFUSED, false, "the user refused remote assistance"),
    USER_LEFT(EnumSet.of(OPEN), CLOSE, EventType.REMOTE_ASSISTANCE_ENDED, false, "the user ended the assistance"),
    CANCELLED(Live.STATES, CLOSE, EventType.REMOTE_ASSISTANCE_CANCELLED, true, null),
    TIMED_OUT(Live.STATES, CLOSE, EventType.REMOTE_ASSISTANCE_TIMED_OUT, true, null),
    SESSION_ENDED(Live.STATES, CLOSE, EventType.REMOTE_ASSISTANCE_ENDED, false, "the user's session ended");

    private final Set<ShareSpaceStatus> from;
    private final ShareSpaceStatus to;
    private final EventType outcome;
    private final boolean withdrawsInvitation;
    private final String defaultReason;

    ShareSpaceTransition(Set<ShareSpaceStatus> from, ShareSpaceStatus to, EventType outcome,
            boolean withdrawsInvitation, String defaultReason) {
        this.from = Set.copyOf(from);
        this.to = to;
        this.outcome = outcome;
        this.withdrawsInvitation = withdrawsInvitation;
        this.defaultReason = defaultReason;
    }

    /** The transition a user's answer (relayed by the agent) asks for. */
    static ShareSpaceTransition of(UserAnswer answer) {
        return switch (answer) {
            case CONFIRMED -> USER_CONFIRMED;
            case JOINED -> USER_JOINED;
            case REFUSED -> USER_REFUSED;
            case LEFT -> USER_LEFT;
        };
    }

    /** Whether a space in {@code status} moves; otherwise the transition is ignored. */
    boolean movesFrom(ShareSpaceStatus status) {
        return from.contains(status);
    }

    Set<ShareSpaceStatus> from() {
        return from;
    }

    ShareSpaceStatus to() {
        return to;
    }

    EventType outcome() {
        return outcome;
    }

    boolean withdrawsInvitation() {
        return withdrawsInvitation;
    }

    /** The close reason: the given one, else the table's default (a move that does not close keeps its own). */
    String reason(String given) {
        return given != null ? given : defaultReason;
    }

    /** The live states (enum constants cannot refer to a static field of their own enum in their arguments). */
    static final class Live {
        static final Set<ShareSpaceStatus> STATES = EnumSet.of(WAIT_USER_CONFIRM, WAIT_USER_ACCESS, OPEN);

        private Live() {
        }
    }
}
