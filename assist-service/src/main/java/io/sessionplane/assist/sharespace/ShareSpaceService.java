package io.sessionplane.assist.sharespace;

import io.sessionplane.assist.AssistConfig;
import io.sessionplane.assist.outbox.OutboxChannel;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.outbox.OutboxRelay;
import io.sessionplane.kit.outbox.OutboxStore;
import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.assist.session.SessionViewStore;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HuaweiErrorCodes;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.ObjectAccess;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.sql.UniqueViolation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The share-space state machine: WAIT_USER_CONFIRM → WAIT_USER_ACCESS → OPEN → CLOSE, and CLOSE from any live state
 * on cancel, refusal, timeout or the end of the user's session (the table is {@link ShareSpaceTransition}). Every
 * transition runs in one transaction holding the space's row lock and writes the records it publishes (outcome,
 * invitation, withdrawal) to the outbox in the same transaction; service-kit's {@link OutboxRelay} publishes them after the
 * commit. State and events always agree: no event without its committed state, no committed state without its event.
 */
@ApplicationScoped
public class ShareSpaceService {
    private static final Logger LOG = Logger.getLogger(ShareSpaceService.class);
    private static final int CODE_ATTEMPTS = 5;
    private static final Set<Privilege> ASSIST_PRIVILEGES = Set.of(Privilege.REMOTE_ASSISTANCE);
    private static final String ASSIST_REFUSAL = "remote assistance needs REMOTE_ASSISTANCE on the desktop's access "
            + "group";

    @Inject
    SessionViewStore sessions;

    @Inject
    PasswordCipher passwords;

    @Inject
    AssistConfig config;

    @Inject
    ShareSpaceStore store;

    @Inject
    Pool pool;

    @Inject
    OutboxStore outbox;

    @Inject
    OutboxRelay relay;

    /** Creates a share space on the desktop and invites its user; 409 while another one is live there. */
    public Uni<ShareSpace> create(Caller caller, String projectId, String desktopId) {
        return sessions.byDesktop(desktopId).chain(found -> {
            DesktopSession session = found.orElseThrow(() -> new ApiException(404, ErrorKeys.NOT_FOUND,
                    HuaweiErrorCodes.DESKTOP_NOT_FOUND, "desktop " + desktopId + " has no user session to assist"));
            ObjectAccess.requirePermitted(caller, session, ASSIST_PRIVILEGES, Privilege.FEDERATED_SESSIONS_MANAGE,
                    ASSIST_REFUSAL);
            return createWithFreshCode(caller, projectId, session, 1);
        });
    }

    private Uni<ShareSpace> createWithFreshCode(Caller caller, String projectId, DesktopSession session, int attempt) {
        ShareSpace space = newSpace(caller, projectId, session);
        return pool.withTransaction(transaction -> store.insert(transaction, space)
                .call(() -> outbox.append(transaction, OutboxChannel.INVITATIONS.name(), JsonCodec.write(
                        ShareSpaceRecords.invitation(space, InvitationKind.INVITE, null))))
                .call(() -> outbox.append(transaction, OutboxChannel.OUTCOMES.name(), JsonCodec.write(
                        ShareSpaceRecords.outcome(space, session, EventType.REMOTE_ASSISTANCE_REQUESTED, caller.name()
                                + " asked " + session.userName() + " to accept remote assistance on "
                                + session.machineDnsName())))))
                .invoke(relay::wake)
                .replaceWith(space)
                .onFailure(e -> UniqueViolation.of(e, ShareSpaceStore.LIVE_INVITATION_CODE) && attempt < CODE_ATTEMPTS)
                .recoverWithUni(() -> createWithFreshCode(caller, projectId, session, attempt + 1))
                .onFailure(e -> UniqueViolation.of(e, ShareSpaceStore.ONE_LIVE_PER_DESKTOP))
                .transform(e -> new ApiException(409, ErrorKeys.BAD_REQUEST, HuaweiErrorCodes.SHARE_SPACE_EXISTS,
                        "desktop " + session.machineId() + " already has a live share space; cancel it first"));
    }

    private ShareSpace newSpace(Caller caller, String projectId, DesktopSession session) {
        String code = InvitationCodes.invitationCode();
        String query = "?username=" + encode(session.userName()) + "&workspace_id=" + encode(projectId) + "&code="
                + code;
        Instant now = Instant.now();
        return new ShareSpace(InvitationCodes.shareSpaceId(), projectId, session.machineId(), session.sessionId(),
                session.accessGroupId(), session.federated(), ShareSpaceStatus.WAIT_USER_CONFIRM, code,
                "Remote assistance for " + (session.userName() != null ? session.userName() : session.userId()),
                passwords.encrypt(passwords.newPassword()), config.privateLinkBase() + query,
                config.internetLinkBase() + query, "ADMIN", caller.name(), null, now, now);
    }

    /**
     * The desktop's most recent share space in the project (live or closed), decided from the space's own access
     * group: 404 when there is none, 403 without a view (or assist) privilege on it. The invitation code, password
     * and links only go to operators who may assist on it; others see them as null.
     */
    public Uni<ShareSpaceInfo> current(Caller caller, String projectId, String desktopId) {
        return store.latest(projectId, desktopId).map(found -> {
            ShareSpace space = found.orElseThrow(() -> shareSpaceNotFound("desktop " + desktopId
                    + " has no share space"));
            boolean mayAssist = mayAssist(caller, space);
            if (!mayAssist && !caller.mayView(space.accessGroupId(), space.federated())) {
                throw ApiException.forbidden("no view privilege on the access group of the share space of desktop "
                        + desktopId);
            }
            return ShareSpaceInfo.of(space, mayAssist ? passwords.decrypt(space.encryptedPassword()) : null,
                    mayAssist);
        });
    }

    /** Cancels the live share space; 404 when there is none, 403 without assist privilege on its access group. */
    public Uni<ShareSpace> cancel(Caller caller, String projectId, String desktopId) {
        return store.live(projectId, desktopId).chain(found -> {
            ShareSpace live = found.orElseThrow(() -> shareSpaceNotFound("desktop " + desktopId
                    + " has no live share space"));
            ObjectAccess.requirePermitted(caller, live, ASSIST_PRIVILEGES, Privilege.FEDERATED_SESSIONS_MANAGE,
                    ASSIST_REFUSAL);
            return transition(live.id(), ShareSpaceTransition.CANCELLED, "cancelled by " + caller.name(),
                    caller.name())
                    .map(done -> done.orElseThrow(() -> shareSpaceNotFound(
                            "the share space closed before it could be cancelled")));
        });
    }

    /** Assist privilege on the space's own access group (FEDERATED_SESSIONS_MANAGE for another pod's session). */
    private static boolean mayAssist(Caller caller, ShareSpace space) {
        return caller.mayActOn(space.accessGroupId(), space.federated(), ASSIST_PRIVILEGES,
                Privilege.FEDERATED_SESSIONS_MANAGE);
    }

    static ApiException shareSpaceNotFound(String message) {
        return new ApiException(404, ErrorKeys.NOT_FOUND, HuaweiErrorCodes.SHARE_SPACE_NOT_FOUND, message);
    }

    /** Applies the user's answer relayed by the agent; answers that do not fit the current state are ignored. */
    public Uni<Void> answer(String shareSpaceId, UserAnswer answer, String reason) {
        Uni<Optional<ShareSpace>> applied = transition(shareSpaceId, ShareSpaceTransition.of(answer), reason, null);
        return applied.invoke(done -> {
            if (done.isEmpty()) {
                LOG.debugf("answer %s ignored for share space %s (unknown or not in a matching state)", answer,
                        shareSpaceId);
            }
        }).replaceWithVoid();
    }

    /** Applies a row of the transition table from any of its states; see the overload. */
    Uni<Optional<ShareSpace>> transition(String shareSpaceId, ShareSpaceTransition transition, String reason,
            String actor) {
        return transition(shareSpaceId, transition, transition.from(), reason, actor);
    }

    /**
     * Moves a space in one of {@code onlyFrom} (and of the states the transition starts from) to the transition's
     * state under its row lock ({@code SELECT … FOR UPDATE} in the transaction); the outcome (and, when the table says
     * so, the withdrawal sent to the agent) goes to the outbox in the same transaction and is published after the
     * commit. Empty when the space is unknown or not in such a state.
     */
    Uni<Optional<ShareSpace>> transition(String shareSpaceId, ShareSpaceTransition transition,
            Set<ShareSpaceStatus> onlyFrom, String reason, String actor) {
        EventType type = transition.outcome();
        String failedReason = transition.reason(reason);
        return pool.withTransaction(transaction -> store.lock(transaction, shareSpaceId).chain(found -> {
            if (found.isEmpty() || !transition.movesFrom(found.get().status())
                    || !onlyFrom.contains(found.get().status())) {
                return Uni.createFrom().item(Optional.<ShareSpace>empty());
            }
            ShareSpace space = found.get().movedTo(transition.to(), Instant.now(), failedReason);
            return store.updateState(transaction, space).chain(() -> sessions.describe(space.sessionId()))
                    .chain(session -> {
                        DesktopSession described = session.orElse(new DesktopSession(space.sessionId(),
                                space.desktopId(), null, false, null, null, null, null, null, null));
                        Uni<Void> record = outbox.append(transaction, OutboxChannel.OUTCOMES.name(),
                                JsonCodec.write(ShareSpaceRecords.outcome(space, described, type,
                                        ShareSpaceRecords.message(type, space, described, actor))));
                        if (transition.withdrawsInvitation()) {
                            record = record.chain(() -> outbox.append(transaction, OutboxChannel.INVITATIONS.name(),
                                    JsonCodec.write(ShareSpaceRecords.invitation(space, InvitationKind.WITHDRAW,
                                            failedReason))));
                        }
                        return record.replaceWith(Optional.of(space));
                    });
        })).invoke(moved -> {
            if (moved.isPresent()) {
                relay.wake();
            }
        });
    }

    /** Live spaces past their state's time-to-live. */
    public Uni<List<ShareSpace>> expired(Instant now) {
        return store.expired(now.minus(config.confirmTtl()), now.minus(config.accessTtl()),
                now.minus(config.openTtl()));
    }

    /** Live spaces whose user session has ended (or was never known here), in one query. */
    public Uni<List<String>> orphaned() {
        return store.orphaned();
    }

    public String timeoutReason(ShareSpaceStatus status) {
        return switch (status) {
            case WAIT_USER_CONFIRM -> "timed out waiting for the user to confirm (" + config.confirmTtl() + ")";
            case WAIT_USER_ACCESS -> "timed out waiting for the user to enable access (" + config.accessTtl() + ")";
            default -> "the assistance reached its maximum duration (" + config.openTtl() + ")";
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
