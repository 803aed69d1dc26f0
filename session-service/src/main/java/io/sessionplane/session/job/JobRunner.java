package io.sessionplane.session.job;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.FilterParser;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.id.DerivedIds;
import io.sessionplane.kit.lifecycle.BackgroundWork;
import io.sessionplane.kit.outbox.OutboxRelay;
import io.sessionplane.session.auth.OperatorDirectory;
import io.sessionplane.session.command.BulkItemResponseInfo;
import io.sessionplane.session.command.CommandOptions;
import io.sessionplane.session.command.CommandService;
import io.sessionplane.session.config.SessionServiceConfig;
import io.sessionplane.session.inventory.SessionFields;
import io.sessionplane.session.inventory.SessionPlace;
import io.sessionplane.session.inventory.SessionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs due steps of session jobs, one job at a time per instance. A job is leased (at most one runner of all replicas
 * works on it; a lease lapses when its holder dies and another takes over), its step is done in batches — the lease
 * renewed and a cancel noticed between them — and every command's id is derived from the job, the session and the
 * step: a step run again after a crash sends the same ids, which agents, the public stream and audit dedupe, so no
 * warning reaches a user twice and no session is acted on twice.
 *
 * <p>Steps: each warning at {@code run_at - before} (the first resolves the target; later ones add the sessions that
 * match only now when the job includes later sessions), then the action at {@code run_at} (sessions found only then
 * are skipped if there were warnings; sessions whose warning could not be delivered are skipped or acted on by the
 * job's policy), then waiting for the action's outcomes.
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobStore store;

    @Inject
    SessionStore sessions;

    @Inject
    CommandService commands;

    @Inject
    OperatorDirectory operators;

    @Inject
    SessionServiceConfig config;

    @Inject
    Pool pool;

    @Inject
    JobService jobs;

    @Inject
    OutboxRelay relay;

    @Inject
    BackgroundWork background;

    /** This instance among the runners of every replica; its claims hold leases as {@code runner#n}. */
    private final String runner = host() + "/" + ProcessHandle.current().pid() + "/"
            + UUID.randomUUID().toString().substring(0, 4);
    /**
     * Numbers this instance's claims: each claim holds the lease under its own name ({@code runner#n}), so a worker
     * whose lease lapsed (a step that went longer than the lease without renewing it) loses the job to whoever claims
     * it next, another worker of this instance included, instead of sending beside it under the same name.
     */
    private final AtomicLong claims = new AtomicLong();
    /** Workers of this instance, each running one job at a time (a long rate-limited job does not hold up others). */
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicBoolean again = new AtomicBoolean();
    /** When this runner last copied outcomes into a sending job's counts (entries leave when the job completes). */
    private final java.util.Map<java.util.UUID, Long> outcomesRecordedAt = new java.util.concurrent.ConcurrentHashMap<>();

    String id() {
        return runner;
    }

    /** The pod's name on Kubernetes (HOSTNAME); no lookup, which could block where the bean is first used. */
    private static String host() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "local" : name;
    }

    /** Looks for due work now (a job was just created) instead of at the next poll. */
    public void wake() {
        int busy;
        do {
            busy = workers.get();
            if (busy >= config.jobs().concurrency()) {
                again.set(true);
                return;
            }
        } while (!workers.compareAndSet(busy, busy + 1));
        background.tracked("job runner", runDue()).subscribe().with(done -> finished(), failure -> {
            LOG.warnf("the job runner failed (retried at the next poll): %s", failure.toString());
            finished();
        });
    }

    private void finished() {
        workers.decrementAndGet();
        if (again.getAndSet(false)) {
            wake();
        }
    }

    @Scheduled(every = "${sessionplane.jobs.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Claims and runs due jobs until none is due, or the instance stops. */
    Uni<Void> runDue() {
        if (background.stopping()) {
            return Uni.createFrom().voidItem();
        }
        String holder = runner + "#" + claims.incrementAndGet();
        return store.claimDue(holder, System.currentTimeMillis(), lease()).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().voidItem()
                : run(claimed.get()).onFailure().recoverWithUni(failure -> {
                    LOG.warnf("job %s: %s; retrying shortly", claimed.get().id(), failure.toString());
                    return store.release(claimed.get().id(), holder, System.currentTimeMillis()
                            + config.jobs().retryDelay().toMillis());
                }).chain(this::runDue));
    }

    private Uni<Void> run(JobStore.StoredJob job) {
        JobDefinition definition = job.definition();
        int warnings = definition.warnings().size();
        if (definition.previewOnly()) {
            return preview(job);
        }
        long late = System.currentTimeMillis() - definition.stepAt(Math.min(job.step(), warnings));
        // Only a step that has not begun can be too late to begin; one under way (a long action at a low rate, a
        // replica taking over) goes on.
        if (job.step() <= warnings && job.stepStartedAt() == null && late > config.jobs().maxLateness().toMillis()) {
            // Warned users expect the action when they were told, not hours later; acting late would surprise them.
            String what = job.step() < warnings ? "warning " + (job.step() + 1) : "its " + definition.action()
                    .pathSegment();
            String note = what + " was due at " + java.time.Instant.ofEpochMilli(definition.stepAt(job.step()))
                    + " and is " + Duration.ofMillis(late).toSeconds() + " s late (more than "
                    + config.jobs().maxLateness() + "): the job stops rather than act when users no longer expect it";
            return store.skipTargeted(job.id(), ErrorKeys.JOB_STEP_LATE, note).chain(() -> finishStep(job, JobState.FAILED,
                    job.step(), System.currentTimeMillis(), EventType.SESSION_JOB_FAILED, "job " + job.id()
                            + " failed: " + note, note, true));
        }
        if (job.step() < warnings) {
            return store.stepStarted(job.id(), job.runner(), System.currentTimeMillis()).chain(() -> warning(job,
                    job.step()));
        }
        if (job.step() == warnings) {
            return store.stepStarted(job.id(), job.runner(), System.currentTimeMillis()).chain(() -> action(job));
        }
        return awaitOutcomes(job);
    }

    /**
     * The operator's privileges now, when this instance knows the account; none when it was one of this service's
     * accounts and was removed (its job must not outlive it); else, for an operator of another identity provider,
     * those their token carried.
     */
    private Caller caller(JobStore.StoredJob job) {
        JobCreator creator = job.creator();
        return operators.find(creator.domain(), creator.username()).map(account -> {
            OperatorDirectory.Grants grants = operators.grants(creator.username());
            return new Caller(creator.name(), creator.domain(), grants.perAccessGroup(), grants.federated(),
                    java.util.Set.copyOf(grants.projects()));
        }).orElseGet(() -> creator.localAccount()
                ? new Caller(creator.name(), creator.domain(), Map.of(), java.util.Set.of(), java.util.Set.of())
                : creator.asCaller());
    }

    /** Adds the sessions the target matches now (first step: all of them; later: those new to the job). */
    private Uni<Integer> resolve(JobStore.StoredJob job, Caller caller, int step) {
        JobDefinition.Target target = job.definition().target();
        if (target.filter() != null) {
            Filter filter = FilterParser.parse(target.filter(), SessionFields.CATALOGUE);
            return resolvePage(job, caller, filter, step, "", 0);
        }
        List<PlaceRequest> requested = new ArrayList<>();
        if (target.sessionIds() != null) {
            target.sessionIds().forEach(id -> requested.add(new PlaceRequest(id, null)));
        } else {
            target.global().forEach(pod -> pod.ids().forEach(id -> requested.add(new PlaceRequest(id, pod.podId()))));
        }
        java.util.Set<String> viewable = caller.accessGroupsWith(Caller.VIEW_PRIVILEGES);
        boolean federatedViewable = caller.holdsFederated(io.sessionplane.contracts.auth.Privilege
                .FEDERATED_SESSIONS_VIEW);
        return sessions.places(requested.stream().map(PlaceRequest::id).toList()).chain(found -> {
            Map<String, SessionPlace> byId = new LinkedHashMap<>();
            // A session the creator may not view is stored as unknown, as a direct call would answer 404 for it.
            found.stream().filter(place -> place.federated() ? federatedViewable : viewable.contains(
                    place.accessGroupId())).forEach(place -> byId.put(place.id(), place));
            // Listed sessions the read model does not know are items too: the action step refuses them (404). So is
            // a global entry's session that is not of the pod it was listed under, as a direct global call answers;
            // a session listed under its own pod as well as another is acted on (one item a session: its own pod's).
            Map<String, SessionPlace> items = new LinkedHashMap<>();
            for (PlaceRequest r : requested) {
                SessionPlace place = byId.get(r.id());
                boolean own = place != null && (r.podId() == null || r.podId().equals(place.podId()));
                if (own) {
                    items.put(r.id(), place);
                } else {
                    items.putIfAbsent(r.id(), new SessionPlace(r.id(), r.podId(), null, false));
                }
            }
            List<SessionPlace> places = List.copyOf(items.values());
            return store.addItems(job.id(), places, step);
        });
    }

    private record PlaceRequest(String id, String podId) {
    }

    private Uni<Integer> resolvePage(JobStore.StoredJob job, Caller caller, Filter filter, int step, String after,
            int added) {
        // Each page renews the lease: resolving 100,000 sessions under load can outlast it, and a lapsed lease is
        // claimed again (bench/README, job: most likely how a paced job once ran at twice its rate). A lost lease or a
        // cancel ends the resolution, as it ends a send; the send after it sees the same and sends nothing.
        return store.renew(job.id(), job.runner(), System.currentTimeMillis(), lease()).chain(state ->
                state.isEmpty() || !state.get().active() ? Uni.createFrom().item(added)
                        : addPage(job, caller, filter, step, after, added));
    }

    /** The next page of the target's sessions becomes the job's items; then the page after it, if there is one. */
    private Uni<Integer> addPage(JobStore.StoredJob job, Caller caller, Filter filter, int step, String after,
            int added) {
        int page = config.jobs().batchSize();
        return sessions.places(caller.accessGroupsWith(Caller.VIEW_PRIVILEGES), caller.holdsFederated(
                        io.sessionplane.contracts.auth.Privilege.FEDERATED_SESSIONS_VIEW), filter, after, page)
                .chain(found -> store.addItems(job.id(), found, step).chain(count -> found.size() < page
                        ? Uni.createFrom().item(added + count)
                        : resolvePage(job, caller, filter, step, found.get(found.size() - 1).id(), added + count)));
    }

    private Uni<Void> warning(JobStore.StoredJob job, int step) {
        Caller caller = caller(job);
        JobDefinition.Warning warning = job.definition().warnings().get(step);
        boolean resolve = step == 0 || job.definition().includeLaterSessions();
        Uni<Integer> found = resolve ? resolve(job, caller, step) : Uni.createFrom().item(0);
        CommandOptions options = new CommandOptions(null, warning.message(), warning.messageType())
                .byJob(job.id().toString());
        return found.chain(added -> send(job, step, "", SessionAction.SEND_MESSAGE, options, caller, "warning-"
                        + step, results -> store.recordWarnings(job.id(), step, results)))
                .chain(sent -> sent ? finishStep(job, JobState.WARNING, step + 1, job.definition().stepAt(step + 1),
                        EventType.SESSION_JOB_WARNED, "job " + job.id() + " sent warning " + (step + 1) + " of "
                                + job.definition().warnings().size() + ": \"" + warning.message() + "\"")
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> action(JobStore.StoredJob job) {
        Caller caller = caller(job);
        JobDefinition definition = job.definition();
        int step = definition.warnings().size();
        Uni<Integer> found = step == 0 || definition.includeLaterSessions() ? resolve(job, caller, step)
                : Uni.createFrom().item(0);
        CommandOptions options = new CommandOptions(definition.forced(), definition.message(),
                definition.messageType()).byJob(job.id().toString());
        return found
                .chain(() -> store.skipUnwarned(job.id(), step))
                .chain(() -> markUndelivered(job, ""))
                .chain(() -> definition.undeliveredWarnings() == JobDefinition.UndeliveredPolicy.SKIP
                        ? store.skipUndelivered(job.id()) : Uni.createFrom().item(0))
                .chain(() -> send(job, step, "", definition.action(), options, caller, "action",
                        results -> store.recordResults(job.id(), results)))
                .chain(sent -> sent ? finishStep(job, JobState.RUNNING, step + 1, System.currentTimeMillis()
                        + config.jobs().outcomePollInterval().toMillis(), EventType.SESSION_JOB_ACTED, "job "
                        + job.id() + " sent its " + definition.action().pathSegment() + " to the sessions it may act"
                        + " on") : Uni.createFrom().voidItem());
    }

    /**
     * Flags the sessions any of whose warnings failed by its outcome (each warning's command id is derived, so all of
     * them are looked up, not only the last).
     */
    private Uni<Void> markUndelivered(JobStore.StoredJob job, String after) {
        int batch = config.jobs().batchSize();
        return store.warned(job.id(), after, batch).chain(items -> {
            if (items.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<UUID, String> sessionOf = new java.util.HashMap<>();
            for (JobStore.Item item : items) {
                for (int step = item.firstStep(); step <= item.warnedStep(); step++) {
                    sessionOf.put(UUID.fromString(commandId(job, item.sessionId(), "warning-" + step)),
                            item.sessionId());
                }
            }
            return store.failed(List.copyOf(sessionOf.keySet()))
                    .chain(failed -> store.markUndelivered(job.id(), failed.stream().map(sessionOf::get).distinct()
                            .toList()))
                    .chain(() -> items.size() < batch ? Uni.createFrom().voidItem()
                            : markUndelivered(job, items.get(items.size() - 1).sessionId()));
        });
    }

    /**
     * Sends a step to every session still waiting for it, batch after batch at the job's rate; true when the step is
     * done, false when the lease was lost, the job was cancelled, or the broker refused a batch (retried later).
     */
    private Uni<Boolean> send(JobStore.StoredJob job, int step, String after, SessionAction action,
            CommandOptions options, Caller caller, String label, Function<List<JobStore.Result>, Uni<Void>> record) {
        int batch = job.definition().rate() == null ? config.jobs().batchSize()
                : Math.min(config.jobs().batchSize(), job.definition().rate());
        long started = System.currentTimeMillis();
        if (background.stopping()) {
            // Between two batches: handed over now, not when the lease lapses; another replica's next poll goes on.
            LOG.infof("job %s: handed over between two batches, this instance is stopping", job.id());
            return store.release(job.id(), job.runner(), started).replaceWith(false);
        }
        return store.renew(job.id(), job.runner(), started, lease()).chain(state -> {
            if (state.isEmpty() || !state.get().active()) {
                LOG.debugf("job %s: %s", job.id(), state.isEmpty() ? "lease lost" : state.get());
                return Uni.createFrom().item(false);
            }
            int waitingStep = action == job.definition().action() && label.equals("action") ? Integer.MAX_VALUE : step;
            return store.waiting(job.id(), waitingStep, after, batch).chain(items -> {
                if (items.isEmpty()) {
                    return Uni.createFrom().item(true);
                }
                return dispatch(job, items, action, options, caller, label).chain(results -> {
                    if (results.isEmpty()) {
                        // The broker could not take them: nothing recorded, the step goes on later.
                        return store.release(job.id(), job.runner(), System.currentTimeMillis()
                                + config.jobs().retryDelay().toMillis()).replaceWith(false);
                    }
                    String last = items.get(items.size() - 1).sessionId();
                    return record.apply(results).chain(() -> label.equals("action") ? recordOutcomesNow(job)
                                    : Uni.createFrom().voidItem())
                            .chain(() -> pace(job, started, items.size()))
                            .chain(() -> send(job, step, last, action, options, caller, label, record));
                });
            });
        });
    }

    /** One batch through the command path (the same decisions and sends as an operator's request). */
    private Uni<List<JobStore.Result>> dispatch(JobStore.StoredJob job, List<JobStore.Item> items,
            SessionAction action, CommandOptions options, Caller caller, String label) {
        List<CommandService.Target> targets = targets(job, items);
        Function<String, String> ids = session -> commandId(job, session, label);
        java.util.Set<String> unknown = unknown(items);
        // A batch sent before a crash, and not recorded, is not sent again: its derived ids are in the command log.
        return store.sent(items.stream().map(item -> UUID.fromString(ids.apply(item.sessionId()))).toList())
                .chain(sent -> {
                    List<JobStore.Result> already = new ArrayList<>();
                    List<CommandService.Target> unsent = new ArrayList<>();
                    for (CommandService.Target target : targets) {
                        List<String> left = new ArrayList<>();
                        for (String session : target.ids()) {
                            UUID id = UUID.fromString(ids.apply(session));
                            if (sent.contains(id)) {
                                already.add(new JobStore.Result(session, warning(action, label) ? JobItemState.TARGETED
                                        : JobItemState.ACCEPTED, id, 200, null, null));
                            } else {
                                left.add(session);
                            }
                        }
                        if (!left.isEmpty()) {
                            unsent.add(new CommandService.Target(target.pod(), left));
                        }
                    }
                    return unsent.isEmpty() ? Uni.createFrom().item(already)
                            : send(caller, action, unsent, options, ids, label, unknown).map(results -> {
                                if (results.isEmpty()) {
                                    return results;
                                }
                                List<JobStore.Result> all = new ArrayList<>(already);
                                all.addAll(results);
                                return all;
                            });
                });
    }

    /** A batch as the command path takes it: one target, or one per pod for a global job. */
    private static List<CommandService.Target> targets(JobStore.StoredJob job, List<JobStore.Item> items) {
        Map<String, List<String>> byPod = new LinkedHashMap<>();
        boolean global = job.definition().target().global() != null;
        items.forEach(item -> byPod.computeIfAbsent(global ? item.podId() : "", pod -> new ArrayList<>())
                .add(item.sessionId()));
        return byPod.entrySet().stream().map(entry -> new CommandService.Target(global ? entry.getKey() : null,
                entry.getValue())).toList();
    }

    /** The id of the command a job sends a session at a step: the same on every attempt. */
    static String commandId(JobStore.StoredJob job, String session, String label) {
        return DerivedIds.uuid("job", job.id().toString(), session, label);
    }

    private static boolean warning(SessionAction action, String label) {
        return action == SessionAction.SEND_MESSAGE && label.startsWith("warning");
    }

    /** Sends through the command path; empty when the broker could not take them (nothing recorded, retried). */
    private Uni<List<JobStore.Result>> send(Caller caller, SessionAction action, List<CommandService.Target> targets,
            CommandOptions options, Function<String, String> ids, String label, java.util.Set<String> unknown) {
        return commands.act(caller, action, targets, options, ids).map(answered -> {
            List<JobStore.Result> results = new ArrayList<>();
            boolean unavailable = false;
            for (List<BulkItemResponseInfo> perTarget : answered) {
                for (BulkItemResponseInfo item : perTarget) {
                    unavailable |= item.statusCode() == 503;
                    results.add(result(item, warning(action, label), unknown));
                }
            }
            return unavailable ? List.<JobStore.Result>of() : results;
        });
    }

    /** Listed sessions the read model did not know when the job resolved them (no access group). */
    private static java.util.Set<String> unknown(List<JobStore.Item> items) {
        return items.stream().filter(item -> item.accessGroupId() == null && !item.federated())
                .map(JobStore.Item::sessionId).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * What the command path answered for one session. A 404 of a session the job had found means it ended by itself:
     * skipped, not refused; a 404 of a listed session never found is refused, as the same direct call would be.
     */
    private static JobStore.Result result(BulkItemResponseInfo item, boolean warning, java.util.Set<String> unknown) {
        if (item.accepted()) {
            return new JobStore.Result(item.id(), warning ? JobItemState.TARGETED : JobItemState.ACCEPTED,
                    UUID.fromString(item.commandId()), 200, null, null);
        }
        String key = item.errors().isEmpty() ? null : item.errors().get(0).errorKey();
        String message = item.errors().isEmpty() ? null : item.errors().get(0).errorMessage();
        if (item.statusCode() == 404 && !unknown.contains(item.id())) {
            return new JobStore.Result(item.id(), JobItemState.SKIPPED, null, 404, ErrorKeys.JOB_SESSION_ENDED,
                    "the session ended before the job acted");
        }
        return new JobStore.Result(item.id(), JobItemState.REFUSED, null, item.statusCode(), key, message);
    }

    /** While a long action step sends, the outcomes so far reach the counts every outcome-poll-interval. */
    private Uni<Void> recordOutcomesNow(JobStore.StoredJob job) {
        long now = System.currentTimeMillis();
        Long last = outcomesRecordedAt.get(job.id());
        if (last != null && now - last < config.jobs().outcomePollInterval().toMillis()) {
            return Uni.createFrom().voidItem();
        }
        outcomesRecordedAt.put(job.id(), now);
        return store.recordOutcomes(job.id()).replaceWithVoid();
    }

    /** Keeps the job's rate: a batch of n commands takes at least n / rate seconds. */
    private static Uni<Void> pace(JobStore.StoredJob job, long started, int sent) {
        if (job.definition().rate() == null) {
            return Uni.createFrom().voidItem();
        }
        long due = started + 1000L * sent / job.definition().rate() - System.currentTimeMillis();
        return due <= 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(due));
    }

    /** Completed once every accepted command has its outcome (an expired command has one too). */
    private Uni<Void> awaitOutcomes(JobStore.StoredJob job) {
        return store.recordOutcomes(job.id()).chain(waiting -> {
            long now = System.currentTimeMillis();
            // Commands expire, and an expired command has an outcome too: past this, an agent is gone for good.
            boolean overdue = now > job.definition().runAt() + config.jobs().outcomeTimeout().toMillis();
            if (waiting > 0 && !overdue) {
                return store.release(job.id(), job.runner(), now + config.jobs().outcomePollInterval().toMillis());
            }
            outcomesRecordedAt.remove(job.id());
            String note = waiting > 0 ? waiting + " command(s) had no outcome after "
                    + config.jobs().outcomeTimeout() : null;
            return finishStep(job, JobState.COMPLETED, job.step(), now, EventType.SESSION_JOB_COMPLETED, "job "
                    + job.id() + " completed" + (note == null ? "" : ": " + note), note, true);
        });
    }

    private Uni<Void> preview(JobStore.StoredJob job) {
        Caller caller = caller(job);
        JobDefinition definition = job.definition();
        CommandOptions options = new CommandOptions(definition.forced(), definition.message(),
                definition.messageType());
        // Finished only when every session was decided: a lease lost midway leaves the rest to the next claim, which
        // goes on from the undecided sessions (as a send does), instead of marking a partial preview PREVIEWED.
        return resolve(job, caller, 0).chain(() -> previewPage(job, caller, options, ""))
                .chain(decided -> !decided ? Uni.createFrom().voidItem()
                        : finishStep(job, JobState.PREVIEWED, 0, System.currentTimeMillis(),
                                EventType.SESSION_JOB_COMPLETED, "preview of job " + job.id() + " decided", null,
                                true));
    }

    /** Decides the next page and the pages after it; false when the lease was lost (or the job cancelled) first. */
    private Uni<Boolean> previewPage(JobStore.StoredJob job, Caller caller, CommandOptions options, String after) {
        return store.renew(job.id(), job.runner(), System.currentTimeMillis(), lease()).chain(state -> state.isEmpty()
                || !state.get().active() ? Uni.createFrom().item(false)
                : store.waiting(job.id(), Integer.MAX_VALUE, after, config.jobs().batchSize()).chain(items -> {
                    if (items.isEmpty()) {
                        return Uni.createFrom().item(true);
                    }
                    java.util.Set<String> unknown = unknown(items);
                    return commands.dryRun(caller, job.definition().action(), targets(job, items), options)
                            .map(answered -> answered.stream().flatMap(List::stream).map(item -> item.accepted()
                                    ? new JobStore.Result(item.id(), JobItemState.WOULD_ACT, null, 200, null, null)
                                    : result(item, false, unknown)).toList())
                            .chain(results -> store.recordResults(job.id(), results))
                            .chain(() -> previewPage(job, caller, options, items.get(items.size() - 1).sessionId()));
                }));
    }

    private Uni<Void> finishStep(JobStore.StoredJob job, JobState state, int step, long nextAt, EventType type,
            String message) {
        return finishStep(job, state, step, nextAt, type, message, null, false);
    }

    /** Moves the job on and writes its event in one transaction; releases the lease. */
    private Uni<Void> finishStep(JobStore.StoredJob job, JobState state, int step, long nextAt, EventType type,
            String message, String note, boolean finished) {
        return store.counts(job.id()).chain(counts -> pool.withTransaction(transaction -> store.advance(transaction,
                        job.id(), job.runner(), state, step, nextAt, note, finished ? System.currentTimeMillis() : null)
                        .chain(moved -> moved ? jobs.record(transaction, JobService.event(job, type,
                                job.createdBy(), type == EventType.SESSION_JOB_COMPLETED ? null : step, message
                                        + " (" + counts.targeted() + " sessions, " + counts.accepted() + " accepted, "
                                        + counts.refused() + " refused, " + counts.skipped() + " skipped"
                                        + (counts.warningsUndelivered() == 0 ? "" : ", " + counts.warningsUndelivered()
                                                + " whose warning was not delivered") + ")", counts))
                                : Uni.createFrom().voidItem())))
                .invoke(relay::wake)
                .chain(() -> store.release(job.id(), job.runner(), nextAt));
    }

    private long lease() {
        return config.jobs().lease().toMillis();
    }

    /** For tests: the job a runner instance would claim now (a second runner competing for it). */
    Uni<Optional<JobStore.StoredJob>> claimAs(String otherRunner) {
        return store.claimDue(otherRunner, System.currentTimeMillis(), lease());
    }
}
