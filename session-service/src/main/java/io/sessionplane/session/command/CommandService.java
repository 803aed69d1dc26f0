package io.sessionplane.session.command;

import io.sessionplane.contracts.command.ActionRules;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.session.inventory.SessionStore;
import io.sessionplane.session.inventory.StoredSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Carries out an action on a set of sessions: for each id, existence, privilege and state rules against the read
 * model; then every accepted command goes to Kafka at once and each item is answered from its own broker ack.
 */
@ApplicationScoped
public class CommandService {
    private static final Logger LOG = Logger.getLogger(CommandService.class);
    public static final int MAX_IDS = 1000;

    @Inject
    SessionStore sessions;

    @Inject
    CommandDispatcher dispatcher;

    @Inject
    CommandStatusStore statuses;

    @Inject
    CommandMetrics metrics;

    /**
     * @param ids        session ids in request order (validated: 1..1000, non-blank); duplicates are acted on once
     * @param podScope   for global actions, the pod the ids must belong to; null for local actions
     * @param commandIds the command id to use for each session id (random, or derived from an Idempotency-Key)
     * @return one item per id, in request order
     */
    public Uni<List<BulkItemResponseInfo>> act(Caller caller, SessionAction action, List<String> ids,
            CommandOptions options, String podScope, Function<String, String> commandIds) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        return sessions.findAll(unique).chain(found -> {
            Map<String, StoredSession> byId = new LinkedHashMap<>();
            found.forEach(session -> byId.put(session.id(), session));
            Map<String, BulkItemResponseInfo> results = new LinkedHashMap<>();
            List<SessionCommand> commands = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (String id : unique) {
                decide(caller, action, id, byId.get(id), options, podScope).ifPresentOrElse(
                        refusal -> results.put(id, refusal),
                        () -> commands.add(command(caller, action, byId.get(id), options, commandIds.apply(id), now)));
            }
            return dispatchAll(commands).map(dispatched -> {
                results.putAll(dispatched);
                results.forEach((id, item) -> metrics.record(action, item));
                return ids.stream().map(results::get).toList();
            });
        });
    }

    private Optional<BulkItemResponseInfo> decide(Caller caller, SessionAction action, String id, StoredSession session,
            CommandOptions options, String podScope) {
        if (session == null) {
            return Optional.of(BulkItemResponseInfo.refused(id, 404, ErrorKeys.SESSION_NOT_FOUND,
                    "session " + id + " not found"));
        }
        if (podScope != null && !podScope.equals(session.snapshot().podId())) {
            return Optional.of(BulkItemResponseInfo.refused(id, 404, ErrorKeys.SESSION_NOT_FOUND,
                    "session " + id + " is not a session of pod " + podScope));
        }
        if (!caller.mayActOn(session.accessGroupId(), session.federated(), action.localPrivileges(),
                action.federatedPrivilege())) {
            String needed = session.federated() ? action.federatedPrivilege().name()
                    : "one of " + action.localPrivileges().stream().map(Enum::name).sorted().toList()
                            + " on access group " + session.accessGroupId();
            return Optional.of(BulkItemResponseInfo.refused(id, 403, ErrorKeys.FORBIDDEN,
                    "insufficient privilege to " + action.pathSegment() + " session " + id + ": needs " + needed));
        }
        return ActionRules.refusal(action, session.snapshot(), options.forced())
                .map(refusal -> BulkItemResponseInfo.refused(id, 409, refusal.errorKey(), refusal.message()));
    }

    private static SessionCommand command(Caller caller, SessionAction action, StoredSession session,
            CommandOptions options, String commandId, long now) {
        SessionSnapshot snapshot = session.snapshot();
        return new SessionCommand(commandId, action, session.id(), snapshot.podId(), session.federated(),
                action == SessionAction.LOGOFF ? Boolean.TRUE.equals(options.forced()) : null,
                options.message(), options.messageType(), caller.name(), now, snapshot.session().machineId(),
                snapshot.session().userId());
    }

    /** Sends all commands concurrently; each item is 200 once acked, 503 if the broker could not take it. */
    private Uni<Map<String, BulkItemResponseInfo>> dispatchAll(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<BulkItemResponseInfo>> sends = commands.stream().map(command -> dispatcher.dispatch(command)
                .onItemOrFailure().transform((ignored, failure) -> {
                    if (failure == null) {
                        return BulkItemResponseInfo.accepted(command.sessionId(), command.commandId());
                    }
                    LOG.warnf("command %s for session %s not accepted by Kafka: %s", command.commandId(),
                            command.sessionId(), failure.toString());
                    return BulkItemResponseInfo.refused(command.sessionId(), 503, ErrorKeys.SERVICE_UNAVAILABLE,
                            "the command could not be made durable; nothing was done, retry later");
                })).toList();
        return Uni.join().all(sends).andFailFast().call(items -> {
            List<SessionCommand> accepted = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).accepted()) {
                    accepted.add(commands.get(i));
                }
            }
            // Written through so the client can read its command at once; the command topic is the backstop.
            return statuses.recordAccepted(accepted).onFailure().recoverWithItem(e -> {
                LOG.warnf("command status write-through failed (the projection will catch up): %s", e.toString());
                return null;
            });
        }).map(items -> {
            Map<String, BulkItemResponseInfo> bySession = new LinkedHashMap<>();
            items.forEach(item -> bySession.put(item.id(), item));
            return bySession;
        });
    }
}
