package io.sessionplane.session.command;

import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.session.config.SessionServiceConfig;
import io.sessionplane.session.inventory.SessionStore;
import io.sessionplane.session.inventory.StoredSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Carries out an action on a set of sessions: for each id, existence, privilege and state rules against the read
 * model; then every accepted command goes to Kafka at once and each item is answered from its own broker ack.
 */
@ApplicationScoped
public class CommandService {
    private static final Logger LOG = Logger.getLogger(CommandService.class);

    @Inject
    SessionStore sessions;

    @Inject
    CommandProducer producer;

    @Inject
    CommandStatusStore statuses;

    @Inject
    CommandMetrics metrics;

    @Inject
    SessionServiceConfig config;

    /** The session ids of one request, or of one pod's entry in a global request (pod null for local actions). */
    public record Target(String pod, List<String> ids) {
    }

    /**
     * Acts on every target's ids with one read of the sessions, one send of all accepted commands and one status
     * write, however many pod entries a global request has.
     *
     * @param targets    ids in request order (validated: non-blank, at most {@link ActionLimits#MAX_IDS} in all); a session listed
     *                   twice for the same pod is acted on once
     * @param commandIds the command id to use for each session id (random, or derived from an Idempotency-Key)
     * @return per target, one item per id, in request order
     */
    public Uni<List<List<BulkItemResponseInfo>>> act(Caller caller, SessionAction action, List<Target> targets,
            CommandOptions options, Function<String, String> commandIds) {
        return decide(caller, action, targets, options, commandIds, false);
    }

    /**
     * What {@link #act} would answer, decided the same way from the same read, with nothing sent and nothing
     * written: would-act items are 200 without a command id.
     */
    public Uni<List<List<BulkItemResponseInfo>>> dryRun(Caller caller, SessionAction action, List<Target> targets,
            CommandOptions options) {
        return decide(caller, action, targets, options, id -> null, true);
    }

    private Uni<List<List<BulkItemResponseInfo>>> decide(Caller caller, SessionAction action, List<Target> targets,
            CommandOptions options, Function<String, String> commandIds, boolean dryRun) {
        Set<String> unique = new LinkedHashSet<>();
        targets.forEach(target -> unique.addAll(target.ids()));
        return metrics.timed(CommandMetrics.Stage.SESSION_READ, sessions.findAll(unique)).chain(found -> {
            Map<String, StoredSession> byId = new HashMap<>();
            found.forEach(session -> byId.put(session.id(), session));
            Map<Target, Map<String, BulkItemResponseInfo>> refused = new HashMap<>();
            List<SessionCommand> commands = new ArrayList<>();
            Set<String> commanded = new HashSet<>();
            long now = System.currentTimeMillis();
            for (Target target : targets) {
                Map<String, BulkItemResponseInfo> refusals = refused.computeIfAbsent(target, key -> new HashMap<>());
                for (String id : new LinkedHashSet<>(target.ids())) {
                    ItemDecision.decide(caller, action, id, byId.get(id), options, target.pod()).ifPresentOrElse(
                            refusal -> refusals.put(id, refusal),
                            () -> {
                                // Only the session's own pod accepts it, so one command per session at most.
                                if (commanded.add(id)) {
                                    commands.add(command(caller, action, byId.get(id), options, commandIds.apply(id),
                                            now, now + expiry(action).toMillis()));
                                }
                            });
                }
            }
            if (dryRun) {
                Map<String, BulkItemResponseInfo> wouldAct = new HashMap<>();
                commands.forEach(command -> wouldAct.put(command.sessionId(),
                        BulkItemResponseInfo.wouldAct(command.sessionId())));
                return Uni.createFrom().item(inRequestOrder(targets, refused, wouldAct));
            }
            return dispatchAll(commands).map(dispatched -> {
                refused.values().forEach(items -> items.values().forEach(item -> metrics.record(action, item)));
                dispatched.values().forEach(item -> metrics.record(action, item));
                return inRequestOrder(targets, refused, dispatched);
            });
        });
    }

    private static List<List<BulkItemResponseInfo>> inRequestOrder(List<Target> targets,
            Map<Target, Map<String, BulkItemResponseInfo>> refused, Map<String, BulkItemResponseInfo> sent) {
        return targets.stream().map(target -> target.ids().stream()
                .map(id -> refused.get(target).getOrDefault(id, sent.get(id))).toList()).toList();
    }

    /**
     * A global request: the entries of pods the read model knows (and of this pod) are acted on together; the others
     * are answered 404 as a whole, in request order.
     */
    public Uni<List<PodActionResponse>> actGlobal(Caller caller, SessionAction action,
            List<GlobalSessionActionSpec> specs, CommandOptions options, Function<String, String> commandIds) {
        return actGlobal(caller, action, specs, options, commandIds, false);
    }

    /** What {@link #actGlobal} would answer; nothing sent, nothing written. */
    public Uni<List<PodActionResponse>> dryRunGlobal(Caller caller, SessionAction action,
            List<GlobalSessionActionSpec> specs, CommandOptions options) {
        return actGlobal(caller, action, specs, options, id -> null, true);
    }

    private Uni<List<PodActionResponse>> actGlobal(Caller caller, SessionAction action,
            List<GlobalSessionActionSpec> specs, CommandOptions options, Function<String, String> commandIds,
            boolean dryRun) {
        List<String> requestedPods = specs.stream().map(GlobalSessionActionSpec::podId).toList();
        return sessions.knownPods(requestedPods).chain(known -> {
            Set<String> pods = new TreeSet<>(known);
            pods.add(config.podId());
            List<Target> targets = specs.stream().filter(spec -> pods.contains(spec.podId()))
                    .map(spec -> new Target(spec.podId(), spec.ids())).toList();
            return decide(caller, action, targets, options, commandIds, dryRun).map(perTarget -> {
                Iterator<List<BulkItemResponseInfo>> items = perTarget.iterator();
                List<PodActionResponse> responses = new ArrayList<>();
                for (GlobalSessionActionSpec spec : specs) {
                    responses.add(pods.contains(spec.podId())
                            ? new PodActionResponse(spec.podId(), 200, List.of(), items.next())
                            : new PodActionResponse(spec.podId(), 404, List.of(new HorizonError(
                                    ErrorKeys.POD_NOT_FOUND, "pod " + spec.podId() + " is not known")), List.of()));
                }
                return responses;
            });
        });
    }

    private static SessionCommand command(Caller caller, SessionAction action, StoredSession session,
            CommandOptions options, String commandId, long now, long expiresAt) {
        SessionSnapshot snapshot = session.snapshot();
        return new SessionCommand(commandId, action, session.id(), snapshot.podId(), session.federated(),
                options.forced(),
                options.message(), options.messageType(), caller.name(), now, snapshot.session().machineId(),
                snapshot.session().userId(), session.accessGroupId(), expiresAt, options.jobId());
    }

    /** How long a command of this action may wait for its agent ({@code sessionplane.commands.expiry.<action>}). */
    Duration expiry(SessionAction action) {
        Duration expiry = config.commands().expiry().get(action.pathSegment());
        if (expiry == null) {
            throw new IllegalStateException("sessionplane.commands.expiry." + action.pathSegment() + " is not set");
        }
        return expiry;
    }

    /** Every action has an expiry: refused at start, not at the first command. */
    void checkExpiries(@Observes StartupEvent startup) {
        for (SessionAction action : SessionAction.values()) {
            expiry(action);
        }
    }

    /** Sends all commands concurrently; each item is 200 once acked, 503 if the broker could not take it. */
    private Uni<Map<String, BulkItemResponseInfo>> dispatchAll(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<BulkItemResponseInfo>> sends = commands.stream()
                .map(command -> metrics.timed(CommandMetrics.Stage.BROKER_ACK, producer.send(command))
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
            if (accepted.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return metrics.timed(CommandMetrics.Stage.STATUS_WRITE, statuses.writeThrough(accepted))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("command status write-through failed (the projection will catch up): %s",
                                e.toString());
                        return null;
                    });
        }).map(items -> {
            Map<String, BulkItemResponseInfo> bySession = new LinkedHashMap<>();
            items.forEach(item -> bySession.put(item.id(), item));
            return bySession;
        });
    }
}
