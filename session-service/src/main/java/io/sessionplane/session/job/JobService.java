package io.sessionplane.session.job;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.id.DerivedIds;
import io.sessionplane.kit.outbox.OutboxRelay;
import io.sessionplane.kit.outbox.OutboxStore;
import io.sessionplane.session.auth.AccessGroupTree;
import io.sessionplane.session.command.IdempotencyProtocol;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Session jobs as operators create, read and cancel them. Who may see a job: its creator, and operators who may take
 * its action everywhere (on every root access group); the sessions of a job a reader sees are those they may view.
 * Every change of a job is written with its event (session.jobs.v1, through the outbox) in one transaction.
 */
@ApplicationScoped
public class JobService {

    @Inject
    Pool pool;

    @Inject
    JobStore store;

    @Inject
    OutboxStore outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AccessGroupTree tree;

    @Inject
    JobRunner runner;

    @Inject
    io.sessionplane.session.auth.OperatorDirectory operators;

    /** A job as created: its view, and whether it was created by an earlier request with the same Idempotency-Key. */
    public record Created(SessionJobView view, boolean replayed) {
    }

    /**
     * Creates a job. With an Idempotency-Key its id is derived from the creator and the key, in one insert with what
     * was asked: a retry of the same request (its answer lost, or a 503 from the request deadline while the insert
     * still committed) finds the job instead of creating a second, whose commands would carry other ids; the same
     * key with another request is 422.
     */
    public Uni<Created> create(Caller caller, SessionJobRequest request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return insert(caller, request, UUID.randomUUID(), null);
        }
        IdempotencyProtocol.requireValidKey(idempotencyKey);
        String hash = DerivedIds.sha256Hex(JsonCodec.write(request));
        UUID id = UUID.fromString(DerivedIds.uuid("session-job", caller.name(), idempotencyKey));
        // Looked up before the request is judged again: a retry an hour later (its warnings now in the past) still
        // finds its job. Two concurrent first requests meet at the insert's conflict on the id.
        return store.requestHash(id).chain(stored -> stored.isPresent() ? existing(caller, id, hash, stored.get(),
                idempotencyKey) : insert(caller, request, id, hash).onFailure(DuplicateJob.class)
                        .recoverWithUni(() -> store.requestHash(id).chain(again -> existing(caller, id, hash,
                                again.orElse(null), idempotencyKey))));
    }

    private Uni<Created> existing(Caller caller, UUID id, String hash, String storedHash, String idempotencyKey) {
        if (!hash.equals(storedHash)) {
            return Uni.createFrom().failure(new ApiException(422, ErrorKeys.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + idempotencyKey + " was already used with a different job"));
        }
        return get(caller, id).map(view -> new Created(view, true));
    }

    /** The insert met a job with the same id: created by a concurrent request with the same Idempotency-Key. */
    private static final class DuplicateJob extends RuntimeException {
        DuplicateJob() {
            super(null, null, false, false);
        }
    }

    private Uni<Created> insert(Caller caller, SessionJobRequest request, UUID id, String requestHash) {
        long now = System.currentTimeMillis();
        JobDefinition definition = JobDefinition.of(request, now);
        requireMayCreate(caller, definition);
        JobStore.StoredJob job = new JobStore.StoredJob(id, definition, JobState.SCHEDULED, 0,
                definition.stepAt(0), caller.name(), JobCreator.of(caller, isLocalAccount(caller)), now, now, null,
                null, null, null);
        String what = definition.previewOnly() ? "a preview of " : "";
        JobEvent created = event(job, EventType.SESSION_JOB_CREATED, caller.name(), null, caller.name() + " created "
                + what + "a job to " + definition.action().pathSegment() + " sessions" + (definition.warnings()
                .isEmpty() ? "" : " with " + definition.warnings().size() + " warning(s)") + ", acting at "
                + java.time.Instant.ofEpochMilli(definition.runAt()), JobCounts.NONE);
        return pool.withTransaction(transaction -> store.insert(transaction, job, requestHash).chain(inserted ->
                        inserted ? record(transaction, created) : Uni.createFrom().<Void>failure(new DuplicateJob())))
                .invoke(() -> {
                    relay.wake();
                    runner.wake();
                })
                .replaceWith(new Created(SessionJobView.of(job, JobCounts.NONE), false));
    }

    /** Whether the caller is one of this service's own accounts (not an operator of another identity provider). */
    private boolean isLocalAccount(Caller caller) {
        return operators.find(caller.domain(), JobCreator.username(caller)).isPresent();
    }

    /** The action's privilege somewhere (and the message's, when it warns); each step checks each session again. */
    private static void requireMayCreate(Caller caller, JobDefinition definition) {
        List<SessionAction> needed = definition.warnings().isEmpty() ? List.of(definition.action())
                : List.of(definition.action(), SessionAction.SEND_MESSAGE);
        for (SessionAction action : needed) {
            if (!caller.holdsAnywhere(action.localPrivileges()) && !caller.holdsFederated(action.federatedPrivilege())) {
                throw ApiException.forbidden("a job to " + action.pathSegment() + " sessions needs one of "
                        + action.localPrivileges().stream().map(Enum::name).sorted().toList() + " or "
                        + action.federatedPrivilege() + " on some access group");
            }
        }
    }

    public Uni<SessionJobView> get(Caller caller, UUID id) {
        return visible(caller, id).chain(job -> store.counts(id).map(counts -> SessionJobView.of(job, counts)));
    }

    /** One page of the job's sessions the caller may view (one row more when another page exists). */
    public Uni<List<JobItemView>> sessions(Caller caller, UUID id, Filter filter, PageRequest page) {
        return visible(caller, id).chain(job -> store.items(id, caller.accessGroupsWith(Caller.VIEW_PRIVILEGES),
                caller.holdsFederated(Privilege.FEDERATED_SESSIONS_VIEW), filter, page))
                .map(items -> items.stream().map(JobItemView::of).toList());
    }

    /** Jobs the caller may see (one row more when another page exists). */
    public Uni<List<SessionJobView>> list(Caller caller, Filter filter, PageRequest page) {
        List<String> everyJobOf = java.util.Arrays.stream(SessionAction.values())
                .filter(action -> mayReadAll(caller, action)).map(Enum::name).toList();
        return store.list(caller.name(), everyJobOf, filter, page).chain(jobs -> jobs.isEmpty()
                ? Uni.createFrom().item(List.<SessionJobView>of())
                : store.counts(jobs.stream().map(JobStore.StoredJob::id).toList()).map(counts -> jobs.stream()
                        .map(job -> SessionJobView.of(job, counts.get(job.id()))).toList()));
    }

    /** Cancels what has not been sent; 409 when the job has ended. */
    public Uni<SessionJobView> cancel(Caller caller, UUID id) {
        return visible(caller, id).chain(job -> store.counts(id).chain(counts -> pool.withTransaction(transaction ->
                store.cancel(transaction, id, "cancelled by " + caller.name()).chain(cancelled -> {
                    if (!cancelled) {
                        return Uni.createFrom().failure(new ApiException(409, ErrorKeys.JOB_ENDED,
                                "job " + id + " is " + job.state() + ": only a scheduled or running job can be"
                                        + " cancelled"));
                    }
                    return record(transaction, event(job, EventType.SESSION_JOB_CANCELLED, caller.name(), null,
                            caller.name() + " cancelled job " + id + "; what had not been sent is not sent", counts));
                })))).invoke(relay::wake).chain(() -> get(caller, id));
    }

    private Uni<JobStore.StoredJob> visible(Caller caller, UUID id) {
        return store.find(id).map(found -> found.filter(job -> mayRead(caller, job)).orElseThrow(() ->
                ApiException.notFound(ErrorKeys.JOB_NOT_FOUND, "no such session job that you may see")));
    }

    private boolean mayRead(Caller caller, JobStore.StoredJob job) {
        return caller.name().equals(job.createdBy()) || mayReadAll(caller, job.definition().action());
    }

    /** Whoever may take an action on every session (on every root access group) may see every job of it. */
    private boolean mayReadAll(Caller caller, SessionAction action) {
        return !tree.roots().isEmpty() && tree.roots().stream().allMatch(root -> caller.holdsOn(root,
                action.localPrivileges()));
    }

    /** Writes a job event to the outbox in the caller's transaction. */
    Uni<Void> record(SqlConnection transaction, JobEvent event) {
        return outbox.append(transaction, JobEventsPublisher.CHANNEL, JsonCodec.write(event));
    }

    /** An event of the job; its id is derived from the job, the type and the step, so a resend keeps it. */
    static JobEvent event(JobStore.StoredJob job, EventType type, String by, Integer step, String message,
            JobCounts counts) {
        return new JobEvent(DerivedIds.uuid("job-event", job.id().toString(), type.name(),
                step == null ? "-" : step.toString()), job.id().toString(), type, type.defaultSeverity(),
                job.definition().action(), by, message, System.currentTimeMillis(), step, counts.targeted(),
                counts.accepted(), counts.succeeded(), counts.failed(), counts.refused(),
                counts.skipped() + counts.cancelled());
    }

}
