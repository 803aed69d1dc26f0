package io.sessionplane.assist.sharespace;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sessionplane.assist.AssistConfig;
import io.sessionplane.assist.outcome.AssistEvents;
import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.assist.session.SessionViewStore;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HuaweiErrorCodes;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The share-space state machine: WAIT_USER_CONFIRM → WAIT_USER_ACCESS → OPEN → CLOSE, and CLOSE from any live state
 * on cancel, refusal, timeout or the end of the user's session. Every transition runs in one transaction holding the
 * space's row lock, and its outcome event is acknowledged by Kafka before the transaction commits: a transition
 * that cannot be recorded does not happen.
 */
@ApplicationScoped
public class ShareSpaceService {
    private static final Logger LOG = Logger.getLogger(ShareSpaceService.class);
    static final Set<ShareSpaceStatus> LIVE = EnumSet.of(ShareSpaceStatus.WAIT_USER_CONFIRM,
            ShareSpaceStatus.WAIT_USER_ACCESS, ShareSpaceStatus.OPEN);
    private static final int CODE_ATTEMPTS = 5;
    private static final String DESKTOP_INDEX = "share_space_one_live_per_desktop";
    private static final String CODE_INDEX = "share_space_live_invitation_code";
    private static final Set<Privilege> ASSIST_PRIVILEGES = Set.of(Privilege.REMOTE_ASSISTANCE);
    private static final String ASSIST_REFUSAL = "remote assistance needs REMOTE_ASSISTANCE on the desktop's access "
            + "group";

    @Inject
    SessionViewStore sessions;

    @Inject
    AssistEvents events;

    @Inject
    PasswordCipher passwords;

    @Inject
    AssistConfig config;

    @Inject
    Pool pool;

    /** Creates a share space on the desktop and invites its user; 409 while another one is live there. */
    public Uni<ShareSpace> create(Caller caller, String projectId, String desktopId) {
        return sessions.byDesktop(desktopId).chain(found -> {
            DesktopSession session = found.orElseThrow(() -> new ApiException(404, ErrorKeys.NOT_FOUND,
                    HuaweiErrorCodes.DESKTOP_NOT_FOUND, "desktop " + desktopId + " has no user session to assist"));
            requireAssistPrivilege(caller, session);
            return createWithFreshCode(caller, projectId, session, 1);
        });
    }

    private Uni<ShareSpace> createWithFreshCode(Caller caller, String projectId, DesktopSession session, int attempt) {
        return Panache.withTransaction(() -> {
            ShareSpace space = newSpace(caller, projectId, session);
            return space.<ShareSpace>persistAndFlush()
                    .call(() -> events.invitation(invitation(space, InvitationKind.INVITE, null))
                            .chain(() -> events.outcome(outcome(space, session, EventType.REMOTE_ASSISTANCE_REQUESTED,
                                    caller.name() + " asked " + session.userName() + " to accept remote assistance on "
                                            + session.machineDnsName())))
                            .onFailure().transform(e -> ApiException.unavailable(
                                    "the invitation could not be sent; no share space was created")));
        }).onFailure(e -> violates(e, CODE_INDEX) && attempt < CODE_ATTEMPTS)
                .recoverWithUni(() -> createWithFreshCode(caller, projectId, session, attempt + 1))
                .onFailure(e -> violates(e, DESKTOP_INDEX)).transform(e -> new ApiException(409, ErrorKeys.BAD_REQUEST,
                        HuaweiErrorCodes.SHARE_SPACE_EXISTS, "desktop " + session.machineId()
                                + " already has a live share space; cancel it first"));
    }

    private ShareSpace newSpace(Caller caller, String projectId, DesktopSession session) {
        ShareSpace space = new ShareSpace();
        space.id = InvitationCodes.shareSpaceId();
        space.projectId = projectId;
        space.desktopId = session.machineId();
        space.sessionId = session.sessionId();
        space.accessGroupId = session.accessGroupId();
        space.federated = session.federated();
        space.status = ShareSpaceStatus.WAIT_USER_CONFIRM;
        space.invitationCode = InvitationCodes.invitationCode();
        space.name = "Remote assistance for " + (session.userName() != null ? session.userName() : session.userId());
        space.encryptedPassword = passwords.encrypt(passwords.newPassword());
        String query = "?username=" + encode(session.userName()) + "&workspace_id=" + encode(projectId) + "&code="
                + space.invitationCode;
        space.privateShareLink = config.privateLinkBase() + query;
        space.internetShareLink = config.internetLinkBase() + query;
        space.initiatorType = "ADMIN";
        space.requestedBy = caller.name();
        space.createTime = Instant.now();
        space.statusChangedAt = space.createTime;
        return space;
    }

    /**
     * The desktop's most recent share space in the project (live or closed), decided from the space's own access
     * group: 404 when there is none, 403 without a view (or assist) privilege on it. The invitation code, password
     * and links only go to operators who may assist on it; others see them as null.
     */
    public Uni<ShareSpaceInfo> current(Caller caller, String projectId, String desktopId) {
        return Panache.withSession(() -> ShareSpace.<ShareSpace>find("projectId = ?1 and desktopId = ?2 "
                + "order by createTime desc", projectId, desktopId).firstResult()).map(space -> {
                    if (space == null) {
                        throw shareSpaceNotFound("desktop " + desktopId + " has no share space");
                    }
                    boolean mayAssist = mayAssist(caller, space);
                    if (!mayAssist && !caller.mayView(space.accessGroupId, space.federated)) {
                        throw ApiException.forbidden("no view privilege on the access group of the share space of "
                                + "desktop " + desktopId);
                    }
                    return ShareSpaceInfo.of(space, mayAssist ? passwords.decrypt(space.encryptedPassword) : null,
                            mayAssist);
                });
    }

    /** Cancels the live share space; 404 when there is none, 403 without assist privilege on its access group. */
    public Uni<ShareSpace> cancel(Caller caller, String projectId, String desktopId) {
        return Panache.withSession(() -> ShareSpace.<ShareSpace>find("projectId = ?1 and desktopId = ?2 and status <> ?3",
                projectId, desktopId, ShareSpaceStatus.CLOSE).firstResult()).chain(live -> {
                    if (live == null) {
                        throw shareSpaceNotFound("desktop " + desktopId + " has no live share space");
                    }
                    if (!mayAssist(caller, live)) {
                        throw ApiException.forbidden(ASSIST_REFUSAL);
                    }
                    return transition(live.id, LIVE, ShareSpaceStatus.CLOSE, EventType.REMOTE_ASSISTANCE_CANCELLED,
                            "cancelled by " + caller.name(), caller.name())
                            .map(done -> done.orElseThrow(() -> shareSpaceNotFound(
                                    "the share space closed before it could be cancelled")));
                });
    }

    /** Assist privilege on the space's own access group (FEDERATED_SESSIONS_MANAGE for another pod's session). */
    private static boolean mayAssist(Caller caller, ShareSpace space) {
        return caller.mayActOn(space.accessGroupId, space.federated, ASSIST_PRIVILEGES,
                Privilege.FEDERATED_SESSIONS_MANAGE);
    }

    private static void requireAssistPrivilege(Caller caller, DesktopSession session) {
        if (!caller.mayActOn(session.accessGroupId(), session.federated(), ASSIST_PRIVILEGES,
                Privilege.FEDERATED_SESSIONS_MANAGE)) {
            throw ApiException.forbidden(ASSIST_REFUSAL);
        }
    }

    static ApiException shareSpaceNotFound(String message) {
        return new ApiException(404, ErrorKeys.NOT_FOUND, HuaweiErrorCodes.SHARE_SPACE_NOT_FOUND, message);
    }

    /** Applies the user's answer relayed by the agent; answers that do not fit the current state are ignored. */
    public Uni<Void> answer(String shareSpaceId, UserAnswer answer, String reason) {
        Uni<Optional<ShareSpace>> applied = switch (answer) {
            case CONFIRMED -> transition(shareSpaceId, EnumSet.of(ShareSpaceStatus.WAIT_USER_CONFIRM),
                    ShareSpaceStatus.WAIT_USER_ACCESS, EventType.REMOTE_ASSISTANCE_USER_CONFIRMED, null, null);
            case JOINED -> transition(shareSpaceId, EnumSet.of(ShareSpaceStatus.WAIT_USER_CONFIRM,
                    ShareSpaceStatus.WAIT_USER_ACCESS), ShareSpaceStatus.OPEN, EventType.REMOTE_ASSISTANCE_OPENED, null,
                    null);
            case REFUSED -> transition(shareSpaceId, LIVE, ShareSpaceStatus.CLOSE, EventType.REMOTE_ASSISTANCE_REFUSED,
                    reason != null ? reason : "the user refused remote assistance", null);
            case LEFT -> transition(shareSpaceId, EnumSet.of(ShareSpaceStatus.OPEN), ShareSpaceStatus.CLOSE,
                    EventType.REMOTE_ASSISTANCE_ENDED, reason != null ? reason : "the user ended the assistance", null);
        };
        return applied.invoke(done -> {
            if (done.isEmpty()) {
                LOG.debugf("answer %s ignored for share space %s (unknown or not in a matching state)", answer,
                        shareSpaceId);
            }
        }).replaceWithVoid();
    }

    /**
     * Moves a space from one of {@code from} to {@code to} under its row lock; the outcome (and, when closing, the
     * withdrawal sent to the agent) is acknowledged by Kafka before the commit. Empty when the space is unknown or
     * not in a state the transition starts from.
     */
    public Uni<Optional<ShareSpace>> transition(String shareSpaceId, Set<ShareSpaceStatus> from, ShareSpaceStatus to,
            EventType type, String failedReason, String actor) {
        return Panache.withTransaction(() -> ShareSpace.<ShareSpace>findById(shareSpaceId,
                LockModeType.PESSIMISTIC_WRITE).chain(space -> {
                    if (space == null || !from.contains(space.status)) {
                        return Uni.createFrom().item(Optional.<ShareSpace>empty());
                    }
                    space.status = to;
                    space.statusChangedAt = Instant.now();
                    if (to == ShareSpaceStatus.CLOSE) {
                        space.failedReason = failedReason;
                    }
                    return sessions.describe(space.sessionId).chain(session -> {
                        DesktopSession described = session.orElse(new DesktopSession(space.sessionId, space.desktopId,
                                null, false, null, null, null, null, null, null));
                        Uni<Void> record = events.outcome(outcome(space, described, type,
                                message(type, space, described, actor)));
                        if (to == ShareSpaceStatus.CLOSE && type != EventType.REMOTE_ASSISTANCE_REFUSED
                                && type != EventType.REMOTE_ASSISTANCE_ENDED) {
                            record = record.chain(() -> events.invitation(invitation(space, InvitationKind.WITHDRAW,
                                    failedReason)));
                        }
                        return record.onFailure().transform(e -> ApiException.unavailable(
                                "the change could not be recorded; nothing was changed"))
                                .replaceWith(Optional.of(space));
                    });
                }));
    }

    /** Live spaces past their state's time-to-live, or whose user session is gone. */
    public Uni<List<ShareSpace>> expired(Instant now) {
        return Panache.withSession(() -> ShareSpace.<ShareSpace>list(
                "(status = ?1 and statusChangedAt < ?2) or (status = ?3 and statusChangedAt < ?4)"
                        + " or (status = ?5 and statusChangedAt < ?6)",
                ShareSpaceStatus.WAIT_USER_CONFIRM, now.minus(config.confirmTtl()),
                ShareSpaceStatus.WAIT_USER_ACCESS, now.minus(config.accessTtl()),
                ShareSpaceStatus.OPEN, now.minus(config.openTtl())));
    }

    /** Live spaces whose user session has ended (or was never known here), in one query. */
    public Uni<List<String>> orphaned() {
        return pool.preparedQuery("SELECT share_space_id FROM share_space s WHERE status <> 'CLOSE' AND NOT EXISTS "
                + "(SELECT 1 FROM session_view v WHERE v.session_id = s.session_id AND NOT v.ended)").execute()
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    public String timeoutReason(ShareSpaceStatus status) {
        return switch (status) {
            case WAIT_USER_CONFIRM -> "timed out waiting for the user to confirm (" + config.confirmTtl() + ")";
            case WAIT_USER_ACCESS -> "timed out waiting for the user to enable access (" + config.accessTtl() + ")";
            default -> "the assistance reached its maximum duration (" + config.openTtl() + ")";
        };
    }

    private static String message(EventType type, ShareSpace space, DesktopSession session, String actor) {
        String user = session.userName() != null ? session.userName() : "the user";
        return switch (type) {
            case REMOTE_ASSISTANCE_USER_CONFIRMED -> user + " accepted remote assistance on " + space.desktopId;
            case REMOTE_ASSISTANCE_OPENED -> user + " opened share space " + space.id + " for remote assistance";
            case REMOTE_ASSISTANCE_REFUSED -> user + " refused remote assistance";
            case REMOTE_ASSISTANCE_ENDED -> "remote assistance for " + user + " ended: " + space.failedReason;
            case REMOTE_ASSISTANCE_CANCELLED -> actor + " cancelled remote assistance for " + user;
            case REMOTE_ASSISTANCE_TIMED_OUT -> "remote assistance for " + user + " closed: " + space.failedReason;
            default -> type.name() + " for share space " + space.id;
        };
    }

    private static AssistOutcome outcome(ShareSpace space, DesktopSession session, EventType type, String message) {
        long now = System.currentTimeMillis();
        // One event per (space, transition): a retried transition repeats the same event id.
        String eventId = UUID.nameUUIDFromBytes((space.id + ":" + type).getBytes(StandardCharsets.UTF_8)).toString();
        return new AssistOutcome(eventId, type, space.sessionId, space.desktopId, space.id, space.projectId,
                space.status, space.status == ShareSpaceStatus.CLOSE ? space.failedReason : null,
                type.defaultSeverity(), message, now, space.requestedBy, session.userId(), session.userName(),
                session.machineDnsName(), session.desktopPoolName(), session.applicationPoolName());
    }

    private static ShareSpaceInvitation invitation(ShareSpace space, InvitationKind kind, String reason) {
        return new ShareSpaceInvitation(UUID.nameUUIDFromBytes((space.id + ":" + kind).getBytes(StandardCharsets.UTF_8))
                .toString(), kind, space.id, space.projectId, space.desktopId, space.sessionId, space.invitationCode,
                space.name, space.requestedBy, reason, System.currentTimeMillis());
    }

    private static boolean violates(Throwable failure, String index) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().contains(index)) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
