package io.sessionplane.assist.sharespace;

import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.kit.id.DerivedIds;

/** The records a share space's life publishes: its outcomes (for audit) and the invitations sent to the agent. */
final class ShareSpaceRecords {

    private ShareSpaceRecords() {
    }

    /**
     * One event per (space, transition): a retried transition repeats the same event id. The id is the name-based
     * UUID of "space:TYPE" (one part, so the same bytes as before DerivedIds: stored ids stay valid).
     */
    static AssistOutcome outcome(ShareSpace space, DesktopSession session, EventType type, String message) {
        String eventId = DerivedIds.uuid(space.id() + ":" + type);
        return new AssistOutcome(eventId, type, space.sessionId(), space.desktopId(), space.id(), space.projectId(),
                space.status(), space.status() == ShareSpaceStatus.CLOSE ? space.failedReason() : null,
                type.defaultSeverity(), message, System.currentTimeMillis(), space.requestedBy(), session.userId(),
                session.userName(), session.machineDnsName(), session.desktopPoolName(),
                session.applicationPoolName());
    }

    static ShareSpaceInvitation invitation(ShareSpace space, InvitationKind kind, String reason) {
        return new ShareSpaceInvitation(DerivedIds.uuid(space.id() + ":" + kind), kind, space.id(), space.projectId(),
                space.desktopId(), space.sessionId(), space.invitationCode(), space.name(), space.requestedBy(), reason,
                System.currentTimeMillis());
    }

    /** What a transition's outcome says, for people reading the audit trail. */
    static String message(EventType type, ShareSpace space, DesktopSession session, String actor) {
        String user = session.userName() != null ? session.userName() : "the user";
        return switch (type) {
            case REMOTE_ASSISTANCE_USER_CONFIRMED -> user + " accepted remote assistance on " + space.desktopId();
            case REMOTE_ASSISTANCE_OPENED -> user + " opened share space " + space.id() + " for remote assistance";
            case REMOTE_ASSISTANCE_REFUSED -> user + " refused remote assistance";
            case REMOTE_ASSISTANCE_ENDED -> "remote assistance for " + user + " ended: " + space.failedReason();
            case REMOTE_ASSISTANCE_CANCELLED -> actor + " cancelled remote assistance for " + user;
            case REMOTE_ASSISTANCE_TIMED_OUT -> "remote assistance for " + user + " closed: " + space.failedReason();
            default -> type.name() + " for share space " + space.id();
        };
    }
}
