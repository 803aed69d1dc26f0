package io.sessionplane.session.job;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.filter.SqlFilterCompiler;
import io.sessionplane.filter.SqlFragment;
import io.sessionplane.session.inventory.SessionPlace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code session_job} and {@code session_job_item}: jobs, their lease, and each session's place in its job. */
@ApplicationScoped
public class JobStore {

    @Inject
    Pool pool;

    /**
     * A job as stored: its definition, where it is, and who holds it ({@code runner}: the instance whose lease is
     * current, null when none is).
     */
    public record StoredJob(UUID id, JobDefinition definition, JobState state, int step, long nextAt,
            String createdBy, JobCreator creator, long createdAt, long updatedAt, Long finishedAt, String note,
            String runner, Long stepStartedAt) {
    }

    /** One session of a job. */
    public record Item(String sessionId, String podId, String accessGroupId, boolean federated, JobItemState state,
            int firstStep, int warnedStep, boolean warningUndelivered, UUID commandId, Integer statusCode,
            String errorKey, String errorMessage, String commandStatus) {
    }

    /** What a step did to one session. */
    public record Result(String sessionId, JobItemState state, UUID commandId, Integer statusCode, String errorKey,
            String errorMessage) {
    }

    /**
     * Stores a new job; false when a job with its id exists already (an Idempotency-Key's derived id: the request was
     * made before).
     *
     * @param requestHash what was asked, for a job created with an Idempotency-Key (else null)
     */
    public Uni<Boolean> insert(SqlConnection transaction, StoredJob job, String requestHash) {
        JobDefinition d = job.definition();
        return transaction.preparedQuery("""
                INSERT INTO session_job (id, action, forced, message, message_type, target, rate, preview_only, run_at,
                    warnings, include_later, undelivered_policy, state, step, next_at, created_by, creator, created_at,
                    updated_at, request_hash)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10::text::jsonb, $11, $12, $13, 0, $14, $15,
                    $16::text::jsonb, $17, $17, $18)
                ON CONFLICT (id) DO NOTHING
                """).execute(Tuple.from(Arrays.asList(job.id(), d.action().name(), (d.forced()),
                (d.message()), (d.messageType() == null ? null : d.messageType().name()),
                JsonCodec.write(d.target()), (d.rate()), d.previewOnly(), d.runAt(),
                JsonCodec.write(d.warnings()), d.includeLaterSessions(), d.undeliveredWarnings().name(),
                job.state().name(), job.nextAt(), job.createdBy(), JsonCodec.write(job.creator()), job.createdAt(),
                requestHash)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The request hash a job was created with (empty: no such job; null inside: created without a key). */
    public Uni<Optional<String>> requestHash(UUID id) {
        return pool.preparedQuery("SELECT request_hash FROM session_job WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(String.valueOf(rows.iterator().next().getString("request_hash"))));
    }

    /**
     * Leases the most overdue active job that nobody (else) holds: {@code FOR UPDATE SKIP LOCKED} lets runners on
     * several replicas (and the workers of one) claim at once without waiting for each other, and the lease keeps a
     * job with one worker until it lapses (its holder died) or is released; a held lease is never claimed again, not
     * even by another worker of the same instance.
     */
    public Uni<Optional<StoredJob>> claimDue(String runner, long now, long leaseMillis) {
        return pool.preparedQuery("""
                UPDATE session_job SET lease_owner = $1, lease_until = $2
                WHERE id = (SELECT id FROM session_job WHERE state IN ('SCHEDULED', 'WARNING', 'RUNNING')
                        AND next_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
                        ORDER BY next_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).execute(Tuple.of(runner, now + leaseMillis, now)).map(JobStore::first);
    }

    /**
     * Extends the lease; empty when the runner lost it, else the job's state now (a cancel shows here). A lease that
     * lapsed is lost even when nobody claimed it yet: whoever claims it next must be the only one sending.
     */
    public Uni<Optional<JobState>> renew(UUID job, String runner, long now, long leaseMillis) {
        return pool.preparedQuery("UPDATE session_job SET lease_until = $3 WHERE id = $1 AND lease_owner = $2"
                        + " AND lease_until >= $4 RETURNING state").execute(Tuple.of(job, runner, now + leaseMillis,
                        now))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(JobState.valueOf(rows.iterator().next().getString("state"))));
    }

    /** Notes that the current step began (its first batch is about to go out). */
    public Uni<Void> stepStarted(UUID job, String runner, long now) {
        return pool.preparedQuery("UPDATE session_job SET step_started_at = COALESCE(step_started_at, $3)"
                        + " WHERE id = $1 AND lease_owner = $2").execute(Tuple.of(job, runner, now)).replaceWithVoid();
    }

    /** Gives the lease back and schedules the next look at the job. */
    public Uni<Void> release(UUID job, String runner, long nextAt) {
        return pool.preparedQuery("UPDATE session_job SET lease_owner = NULL, lease_until = NULL, next_at = $3,"
                        + " updated_at = $4 WHERE id = $1 AND lease_owner = $2")
                .execute(Tuple.of(job, runner, nextAt, System.currentTimeMillis())).replaceWithVoid();
    }

    /** Moves an active job on (in the caller's transaction, with the event that says so). */
    public Uni<Boolean> advance(SqlConnection transaction, UUID job, String runner, JobState state, int step,
            long nextAt, String note, Long finishedAt) {
        return transaction.preparedQuery("""
                UPDATE session_job SET state = $3, step = $4, next_at = $5, note = COALESCE($6, note), finished_at = $7,
                    updated_at = $8, step_started_at = CASE WHEN step = $4 THEN step_started_at END
                WHERE id = $1 AND lease_owner = $2 AND state IN ('SCHEDULED', 'WARNING', 'RUNNING')
                """).execute(Tuple.from(Arrays.asList(job, runner, state.name(), step, nextAt, (note),
                (finishedAt), System.currentTimeMillis()))).map(rows -> rows.rowCount() == 1);
    }

    /** Cancels an active job: every session not yet sent the action is CANCELLED. False when it is not active. */
    public Uni<Boolean> cancel(SqlConnection transaction, UUID job, String note) {
        long now = System.currentTimeMillis();
        return transaction.preparedQuery("UPDATE session_job SET state = 'CANCELLED', note = $2, finished_at = $3,"
                        + " updated_at = $3 WHERE id = $1 AND state IN ('SCHEDULED', 'WARNING', 'RUNNING')")
                .execute(Tuple.of(job, note, now)).chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : transaction.preparedQuery("UPDATE session_job_item SET state = 'CANCELLED', updated_at = $2"
                                + " WHERE job_id = $1 AND state = 'TARGETED'").execute(Tuple.of(job, now))
                                .replaceWith(true));
    }

    /** Adds sessions a step found (those already in the job keep their place). Returns how many were new. */
    public Uni<Integer> addItems(UUID job, List<SessionPlace> found, int step) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        long now = System.currentTimeMillis();
        return pool.preparedQuery("""
                INSERT INTO session_job_item (job_id, session_id, pod_id, access_group_id, federated, state, first_step,
                    updated_at)
                SELECT $1, s.id, s.pod, s.grp, s.fed, 'TARGETED', $6, $7
                FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) AS s(id, pod, grp, fed)
                ON CONFLICT (job_id, session_id) DO NOTHING
                """).execute(Tuple.from(Arrays.asList(job, found.stream().map(SessionPlace::id).toArray(String[]::new),
                        found.stream().map(SessionPlace::podId).toArray(String[]::new),
                        found.stream().map(SessionPlace::accessGroupId).toArray(String[]::new),
                        found.stream().map(SessionPlace::federated).toArray(Boolean[]::new), step, now)))
                .map(RowSet::rowCount);
    }

    /** The next sessions still waiting at this step (TARGETED and not yet warned at it), by session id. */
    public Uni<List<Item>> waiting(UUID job, int warningStep, String afterSessionId, int limit) {
        return pool.preparedQuery("""
                SELECT i.*, NULL AS command_status FROM session_job_item i
                WHERE i.job_id = $1 AND i.state = 'TARGETED' AND i.warned_step < $2 AND i.session_id > $3
                ORDER BY i.session_id LIMIT $4
                """).execute(Tuple.of(job, warningStep, afterSessionId, limit)).map(JobStore::items);
    }

    /** Of these command ids, those already in the command log (sent, and read back from session.commands.v1). */
    public Uni<java.util.Set<UUID>> sent(List<UUID> commandIds) {
        return pool.preparedQuery("SELECT command_id FROM session_command WHERE command_id = ANY($1)")
                .execute(Tuple.of(commandIds.toArray(UUID[]::new))).map(rows -> {
                    java.util.Set<UUID> sent = new java.util.HashSet<>();
                    rows.forEach(row -> sent.add(row.getUUID("command_id")));
                    return sent;
                });
    }

    /** The next sessions still TARGETED that were sent at least one warning, by session id. */
    public Uni<List<Item>> warned(UUID job, String afterSessionId, int limit) {
        return pool.preparedQuery("""
                SELECT i.*, NULL AS command_status FROM session_job_item i
                WHERE i.job_id = $1 AND i.state = 'TARGETED' AND i.warned_step >= 0 AND i.session_id > $2
                ORDER BY i.session_id LIMIT $3
                """).execute(Tuple.of(job, afterSessionId, limit)).map(JobStore::items);
    }

    /** Of these command ids, those whose outcome says they failed (not delivered). */
    public Uni<java.util.Set<UUID>> failed(List<UUID> commandIds) {
        return pool.preparedQuery("SELECT command_id FROM session_command WHERE command_id = ANY($1)"
                        + " AND status IN ('FAILED', 'REQUEST_SEND_FAILED')")
                .execute(Tuple.of(commandIds.toArray(UUID[]::new))).map(rows -> {
                    java.util.Set<UUID> failed = new java.util.HashSet<>();
                    rows.forEach(row -> failed.add(row.getUUID("command_id")));
                    return failed;
                });
    }

    /** Marks sessions of a job whose warning could not be delivered. */
    public Uni<Void> markUndelivered(UUID job, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE session_job_item SET warning_undelivered = true, updated_at = $3"
                        + " WHERE job_id = $1 AND session_id = ANY($2)")
                .execute(Tuple.of(job, sessionIds.toArray(String[]::new), System.currentTimeMillis()))
                .replaceWithVoid();
    }

    /** Records what a warning step did: the warning's command (or why it was not sent) per session. */
    public Uni<Void> recordWarnings(UUID job, int step, List<Result> results) {
        if (results.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                UPDATE session_job_item i SET warned_step = $2, command_id = r.command,
                    warning_undelivered = i.warning_undelivered OR r.refused,
                    state = CASE WHEN r.ended THEN 'SKIPPED' ELSE i.state END,
                    status_code = CASE WHEN r.ended THEN 404 ELSE i.status_code END,
                    error_key = CASE WHEN r.ended THEN $8 ELSE i.error_key END,
                    error_message = CASE WHEN r.ended THEN 'the session ended before the job acted' ELSE
                        i.error_message END,
                    updated_at = $3
                FROM unnest($4::text[], $5::uuid[], $6::boolean[], $7::boolean[]) AS r(session, command, refused, ended)
                WHERE i.job_id = $1 AND i.session_id = r.session AND i.state = 'TARGETED'
                """).execute(Tuple.from(Arrays.asList(job, step, System.currentTimeMillis(),
                        results.stream().map(Result::sessionId).toArray(String[]::new),
                        results.stream().map(Result::commandId).toArray(UUID[]::new),
                        results.stream().map(r -> r.statusCode() != null && r.statusCode() != 200 && !ended(r))
                                .toArray(Boolean[]::new),
                        results.stream().map(JobStore::ended).toArray(Boolean[]::new), ErrorKeys.JOB_SESSION_ENDED)))
                .replaceWithVoid();
    }

    private static boolean ended(Result result) {
        return result.state() == JobItemState.SKIPPED;
    }

    /** Records what the action step (or a preview) did to each session. */
    public Uni<Void> recordResults(UUID job, List<Result> results) {
        if (results.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                UPDATE session_job_item i SET state = r.state, command_id = r.command, status_code = r.status,
                    error_key = r.error_key, error_message = r.error_message, updated_at = $2
                FROM unnest($3::text[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::text[])
                    AS r(session, state, command, status, error_key, error_message)
                WHERE i.job_id = $1 AND i.session_id = r.session AND i.state IN ('TARGETED', 'CANCELLED')
                """).execute(Tuple.from(Arrays.asList(job, System.currentTimeMillis(),
                        results.stream().map(Result::sessionId).toArray(String[]::new),
                        results.stream().map(r -> r.state().name()).toArray(String[]::new),
                        results.stream().map(Result::commandId).toArray(UUID[]::new),
                        results.stream().map(Result::statusCode).toArray(Integer[]::new),
                        results.stream().map(Result::errorKey).toArray(String[]::new),
                        results.stream().map(Result::errorMessage).toArray(String[]::new))))
                .replaceWithVoid();
    }

    /** Sessions still TARGETED at the action step that never got a warning (they matched only later). */
    public Uni<Integer> skipUnwarned(UUID job, int warnings) {
        return pool.preparedQuery("""
                UPDATE session_job_item SET state = 'SKIPPED', error_key = $4,
                    error_message = 'the session matched after the last warning: it was not warned', updated_at = $3
                WHERE job_id = $1 AND state = 'TARGETED' AND $2 > 0 AND warned_step < 0
                """).execute(Tuple.of(job, warnings, System.currentTimeMillis(), ErrorKeys.JOB_SESSION_NOT_WARNED))
                .map(RowSet::rowCount);
    }

    /** Every session still TARGETED is SKIPPED, for the given reason (a job that cannot go on). */
    public Uni<Integer> skipTargeted(UUID job, String errorKey, String errorMessage) {
        return pool.preparedQuery("UPDATE session_job_item SET state = 'SKIPPED', error_key = $2, error_message = $3,"
                        + " updated_at = $4 WHERE job_id = $1 AND state = 'TARGETED'")
                .execute(Tuple.of(job, errorKey, errorMessage, System.currentTimeMillis())).map(RowSet::rowCount);
    }

    /** Sessions still TARGETED whose warning was not delivered, skipped by the job's policy. */
    public Uni<Integer> skipUndelivered(UUID job) {
        return pool.preparedQuery("""
                UPDATE session_job_item SET state = 'SKIPPED', error_key = $3,
                    error_message = 'a warning could not be delivered; the job skips such sessions', updated_at = $2
                WHERE job_id = $1 AND state = 'TARGETED' AND warning_undelivered
                """).execute(Tuple.of(job, System.currentTimeMillis(), ErrorKeys.JOB_WARNING_UNDELIVERED))
                .map(RowSet::rowCount);
    }

    /**
     * Copies the outcome of every accepted item whose command has one (SUCCEEDED, or FAILED, a federated command's
     * REQUEST_SENT and REQUEST_SEND_FAILED counting as such), then answers how many accepted items still have none.
     */
    public Uni<Long> recordOutcomes(UUID job) {
        return pool.preparedQuery("""
                UPDATE session_job_item i SET outcome = CASE WHEN c.status IN ('SUCCEEDED', 'REQUEST_SENT')
                    THEN 'SUCCEEDED' ELSE 'FAILED' END, updated_at = $2
                FROM session_command c
                WHERE i.job_id = $1 AND i.state = 'ACCEPTED' AND i.outcome IS NULL AND c.command_id = i.command_id
                    AND c.status IN ('SUCCEEDED', 'REQUEST_SENT', 'FAILED', 'REQUEST_SEND_FAILED')
                """).execute(Tuple.of(job, System.currentTimeMillis()))
                .chain(() -> pool.preparedQuery("""
                        SELECT count(*) AS waiting FROM session_job_item
                        WHERE job_id = $1 AND state = 'ACCEPTED' AND outcome IS NULL
                        """).execute(Tuple.of(job)))
                .map(rows -> rows.iterator().next().getLong("waiting"));
    }

    public Uni<Optional<StoredJob>> find(UUID job) {
        return pool.preparedQuery("SELECT * FROM session_job WHERE id = $1").execute(Tuple.of(job))
                .map(JobStore::first);
    }

    /**
     * Counts per item state, and of the accepted ones how many succeeded and failed (their outcomes as the runner last
     * recorded them, at most {@code outcome-poll-interval} behind the commands' statuses).
     */
    public Uni<JobCounts> counts(UUID job) {
        return counts(List.of(job)).map(counts -> counts.get(job));
    }

    /** The counts of several jobs in one statement (a page of jobs); a job without items counts nothing. */
    public Uni<java.util.Map<UUID, JobCounts>> counts(List<UUID> jobs) {
        return pool.preparedQuery("""
                SELECT i.job_id, count(*) AS targeted,
                    count(*) FILTER (WHERE i.state = 'ACCEPTED') AS accepted,
                    count(*) FILTER (WHERE i.state = 'ACCEPTED' AND i.outcome = 'SUCCEEDED') AS succeeded,
                    count(*) FILTER (WHERE i.state = 'ACCEPTED' AND i.outcome = 'FAILED') AS failed,
                    count(*) FILTER (WHERE i.state = 'REFUSED') AS refused,
                    count(*) FILTER (WHERE i.state = 'SKIPPED') AS skipped,
                    count(*) FILTER (WHERE i.state = 'CANCELLED') AS cancelled,
                    count(*) FILTER (WHERE i.state = 'WOULD_ACT') AS would_act,
                    count(*) FILTER (WHERE i.warning_undelivered) AS warnings_undelivered
                FROM session_job_item i WHERE i.job_id = ANY($1) GROUP BY i.job_id
                """).execute(Tuple.of(jobs.toArray(UUID[]::new))).map(rows -> {
                    java.util.Map<UUID, JobCounts> counts = new java.util.HashMap<>();
                    jobs.forEach(job -> counts.put(job, JobCounts.NONE));
                    for (Row r : rows) {
                        counts.put(r.getUUID("job_id"), new JobCounts(r.getLong("targeted"), r.getLong("accepted"),
                                r.getLong("succeeded"), r.getLong("failed"), r.getLong("refused"),
                                r.getLong("skipped"), r.getLong("cancelled"), r.getLong("would_act"),
                                r.getLong("warnings_undelivered")));
                    }
                    return counts;
                });
    }

    /**
     * One page of a job's sessions: those in the given access groups, federated ones when allowed, and listed ids the
     * creator could not see (stored without a group: nothing about a session is known from them).
     */
    public Uni<List<Item>> items(UUID job, java.util.Set<String> groups, boolean federated, Filter filter,
            PageRequest page) {
        List<Object> params = new ArrayList<>(Arrays.asList(job, groups.toArray(String[]::new), federated));
        SqlFragment where = SqlFilterCompiler.compile(filter, params.size() + 1);
        params.addAll(where.params());
        params.add(page.fetchSize());
        params.add(page.offset());
        return pool.preparedQuery("SELECT i.*, c.status AS command_status FROM session_job_item i"
                        + " LEFT JOIN session_command c ON c.command_id = i.command_id"
                        + " WHERE i.job_id = $1 AND ((NOT i.federated AND i.access_group_id = ANY($2))"
                        + " OR (i.federated AND $3) OR (NOT i.federated AND i.access_group_id IS NULL)) AND " + where.sql() + " " + page.orderBy("i.session_id")
                        + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
                .execute(Tuple.from(params)).map(JobStore::items);
    }

    /**
     * One page of jobs (newest first unless sorted otherwise): those {@code reader} created, and those of the actions
     * in {@code everyJobOf} (the reader may take them everywhere), matching the filter.
     */
    public Uni<List<StoredJob>> list(String reader, List<String> everyJobOf, Filter filter, PageRequest page) {
        List<Object> params = new ArrayList<>(Arrays.asList(reader, everyJobOf.toArray(String[]::new)));
        SqlFragment where = SqlFilterCompiler.compile(filter, params.size() + 1);
        params.addAll(where.params());
        params.add(page.fetchSize());
        params.add(page.offset());
        String order = page.sortField() == null ? "ORDER BY j.created_at DESC, j.id DESC" : page.orderBy("j.id");
        return pool.preparedQuery("SELECT j.* FROM session_job j WHERE (j.created_by = $1 OR j.action = ANY($2))"
                        + " AND " + where.sql() + " " + order + " LIMIT $" + (params.size() - 1) + " OFFSET $"
                        + params.size())
                .execute(Tuple.from(params)).map(rows -> {
                    List<StoredJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(job(row)));
                    return jobs;
                });
    }

    private static Optional<StoredJob> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next()));
    }

    private static StoredJob job(Row row) {
        JobDefinition.Target target = JsonCodec.read(row.getJsonObject("target").encode(), JobDefinition.Target.class);
        List<JobDefinition.Warning> warnings = List.of(JsonCodec.read(row.getJsonArray("warnings").encode(),
                JobDefinition.Warning[].class));
        String messageType = row.getString("message_type");
        JobDefinition definition = new JobDefinition(io.sessionplane.contracts.command.SessionAction.valueOf(
                row.getString("action")), row.getBoolean("forced"), row.getString("message"),
                messageType == null ? null : io.sessionplane.contracts.command.MessageType.valueOf(messageType), target,
                row.getInteger("rate"), row.getBoolean("preview_only"), row.getLong("run_at"), warnings,
                row.getBoolean("include_later"), JobDefinition.UndeliveredPolicy.valueOf(
                        row.getString("undelivered_policy")));
        return new StoredJob(row.getUUID("id"), definition, JobState.valueOf(row.getString("state")),
                row.getInteger("step"), row.getLong("next_at"), row.getString("created_by"),
                JsonCodec.read(row.getJsonObject("creator").encode(), JobCreator.class), row.getLong("created_at"),
                row.getLong("updated_at"), row.getLong("finished_at"), row.getString("note"),
                row.getLong("lease_until") != null && row.getLong("lease_until") > System.currentTimeMillis()
                        ? row.getString("lease_owner") : null, row.getLong("step_started_at"));
    }

    private static List<Item> items(RowSet<Row> rows) {
        List<Item> items = new ArrayList<>(rows.rowCount());
        for (Row r : rows) {
            items.add(new Item(r.getString("session_id"), r.getString("pod_id"), r.getString("access_group_id"),
                    r.getBoolean("federated"), JobItemState.valueOf(r.getString("state")), r.getInteger("first_step"),
                    r.getInteger("warned_step"), r.getBoolean("warning_undelivered"), r.getUUID("command_id"),
                    r.getInteger("status_code"), r.getString("error_key"), r.getString("error_message"),
                    r.getString("command_status")));
        }
        return items;
    }
}
