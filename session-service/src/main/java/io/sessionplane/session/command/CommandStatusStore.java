package io.sessionplane.session.command;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.auth.AccessScoped;
import io.sessionplane.kit.batch.Coalescer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The command-status read model: ACCEPTED when on Kafka, then the first outcome the agent reports. Each row keeps the
 * access group of its session, which decides who may read it.
 */
@ApplicationScoped
public class CommandStatusStore {
    // The first outcome wins: a redelivered or duplicate outcome never changes a finished command. An outcome that
    // arrives before its command takes the access group from the session read model.
    private static final String OUTCOMES = """
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, outcome,
                updated_at, access_group_id, federated)
            SELECT c, s, a, st, rb, t, o::jsonb, t,
                (SELECT access_group_id FROM session WHERE id = s), (SELECT federated FROM session WHERE id = s)
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
                AS r(c, s, a, st, rb, t, o)
            ORDER BY c
            ON CONFLICT (command_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            WHERE session_command.outcome IS NULL
            """;

    @Inject
    Pool pool;

    /** A command's status and the access group that decides who may read it (null: nobody but by federation). */
    public record StoredCommand(CommandStatusView view, String accessGroupId, boolean federated)
            implements AccessScoped {
    }

    /** What an outcome must agree with: the session and action its command was accepted for. */
    public record CommandTarget(String sessionId, SessionAction action) {
    }

    /** The accepted commands among these ids (those whose command record has arrived), by command id. */
    public Uni<Map<String, CommandTarget>> knownCommands(List<String> commandIds) {
        if (commandIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] ids = commandIds.stream().map(UUID::fromString).distinct().toArray(UUID[]::new);
        return pool.preparedQuery("SELECT command_id, session_id, action FROM session_command"
                + " WHERE command_id = ANY($1) AND command IS NOT NULL").execute(Tuple.of(ids)).map(rows -> {
                    Map<String, CommandTarget> known = new HashMap<>();
                    rows.forEach(row -> known.put(row.getUUID("command_id").toString(), new CommandTarget(
                            row.getString("session_id"), SessionAction.valueOf(row.getString("action")))));
                    return known;
                });
    }

    /**
     * Writes ACCEPTED rows for commands the broker has acknowledged, so that their status is readable as soon as the
     * request is answered. Concurrent requests share one statement and one transaction, committed without waiting
     * for the WAL flush: the command on the topic is the durable record, and the command projection writes the same
     * row (durably) from it, so a row lost in a database crash comes back. Waiting for one fsync per request capped
     * intake at the disk's flush rate (bench/README, issue 15).
     */
    public Uni<Void> writeThrough(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writeThroughs.submit(commands);
    }

    /** The command projection's write of a consumed batch: one statement, committed durably before its offsets. */
    public Uni<Void> recordAccepted(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(ACCEPTED_ALL).execute(acceptedRows(commands)).replaceWithVoid();
    }

    // One command-id order per statement (ORDER BY in the SELECT): the write-through, the command projection and the
    // outcome projection take their row locks in one order and never deadlock each other. The projection must send
    // rows the write-through already wrote through ON CONFLICT too: locking them writes WAL, so its durable commit
    // also flushes the write-through's rows (committed without waiting) before it commits its offsets. Leaving them
    // out was tried and reverted (1bcabf8): a crash could then lose an ACCEPTED status for good.
    private static final String ACCEPTED_ALL = """
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, command,
                updated_at, access_group_id, federated)
            SELECT c, s, a, 'ACCEPTED', rb, ra, cmd::jsonb, ra,
                COALESCE(g, (SELECT access_group_id FROM session WHERE id = s)), f
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
                $8::boolean[]) AS r(c, s, a, rb, ra, cmd, g, f)
            ORDER BY c
            ON CONFLICT (command_id) DO UPDATE SET command = EXCLUDED.command,
                access_group_id = COALESCE(EXCLUDED.access_group_id, session_command.access_group_id),
                federated = EXCLUDED.federated
            WHERE session_command.command IS NULL
            """;

    private final Coalescer<SessionCommand, Void> writeThroughs = new Coalescer<>(this::writeThroughAtOnce, 2, 5_000);

    private Uni<Void> writeThroughAtOnce(List<SessionCommand> commands) {
        Tuple rows = acceptedRows(commands);
        return pool.withTransaction(connection -> connection.query("SET LOCAL synchronous_commit TO OFF").execute()
                .chain(() -> connection.preparedQuery(ACCEPTED_ALL).execute(rows))).replaceWithVoid();
    }

    /** The commands as the columns of {@link #ACCEPTED_ALL}, once per command id. */
    private static Tuple acceptedRows(List<SessionCommand> commands) {
        Map<UUID, SessionCommand> byId = new java.util.LinkedHashMap<>();
        commands.forEach(command -> byId.putIfAbsent(UUID.fromString(command.commandId()), command));
        int n = byId.size();
        UUID[] ids = new UUID[n];
        String[] sessions = new String[n];
        String[] actions = new String[n];
        String[] requestedBy = new String[n];
        Long[] requestedAt = new Long[n];
        String[] json = new String[n];
        String[] groups = new String[n];
        Boolean[] federated = new Boolean[n];
        int i = 0;
        for (Map.Entry<UUID, SessionCommand> entry : byId.entrySet()) {
            SessionCommand c = entry.getValue();
            ids[i] = entry.getKey();
            sessions[i] = c.sessionId();
            actions[i] = c.action().name();
            requestedBy[i] = c.requestedBy();
            requestedAt[i] = c.requestedAt();
            json[i] = JsonCodec.write(c);
            groups[i] = c.accessGroupId();
            federated[i] = c.federated();
            i++;
        }
        return Tuple.of(ids, sessions, actions, requestedBy, requestedAt, json).addArrayOfString(groups)
                .addArrayOfBoolean(federated);
    }

    public Uni<Void> recordOutcomes(List<SessionOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The first outcome wins: a redelivered or duplicate outcome never changes a finished command (in one batch,
        // the first of a command's outcomes is the one written). An outcome that arrives before its command takes
        // the access group from the session read model.
        Map<UUID, SessionOutcome> byId = new java.util.LinkedHashMap<>();
        outcomes.forEach(outcome -> byId.putIfAbsent(UUID.fromString(outcome.commandId()), outcome));
        int n = byId.size();
        UUID[] ids = new UUID[n];
        String[] sessions = new String[n];
        String[] actions = new String[n];
        String[] statuses = new String[n];
        String[] requestedBy = new String[n];
        Long[] times = new Long[n];
        String[] json = new String[n];
        int i = 0;
        for (Map.Entry<UUID, SessionOutcome> entry : byId.entrySet()) {
            SessionOutcome o = entry.getValue();
            ids[i] = entry.getKey();
            sessions[i] = o.sessionId();
            actions[i] = o.action().name();
            statuses[i] = o.status().name();
            requestedBy[i] = o.requestedBy();
            times[i] = o.time();
            json[i] = JsonCodec.write(o);
            i++;
        }
        return pool.preparedQuery(OUTCOMES).execute(Tuple.of(ids, sessions, actions, statuses, requestedBy, times)
                .addArrayOfString(json)).replaceWithVoid();
    }

    /**
     * Forgets commands whose status last changed before the cut-off (epoch ms): security state does not pile up. A
     * status changes after its command was requested, so the requested_at index finds the candidates; updated_at is
     * not indexed, which keeps the outcome's update heap-only (V14).
     */
    public Uni<Integer> purgeOlderThan(long updatedBefore) {
        return pool.preparedQuery("DELETE FROM session_command WHERE requested_at < $1 AND updated_at < $1")
                .execute(Tuple.of(updatedBefore)).map(rows -> rows.rowCount());
    }

    public Uni<Optional<StoredCommand>> find(UUID commandId) {
        return pool.preparedQuery("SELECT command_id, session_id, action, status, requested_by, requested_at,"
                + " updated_at, command::text AS command, outcome::text AS outcome, access_group_id, federated"
                + " FROM session_command WHERE command_id = $1")
                .execute(Tuple.of(commandId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next())));
    }

    private static StoredCommand toStored(Row row) {
        String command = row.getString("command");
        String outcome = row.getString("outcome");
        SessionCommand parsed = command == null ? null : JsonCodec.read(command, SessionCommand.class);
        CommandStatusView view = new CommandStatusView(row.getUUID("command_id").toString(),
                row.getString("session_id"), row.getString("action"), CommandStatus.valueOf(row.getString("status")),
                row.getString("requested_by"), row.getLong("requested_at"), row.getLong("updated_at"),
                parsed == null ? null : parsed.forced(), parsed == null ? null : parsed.messageType(),
                parsed == null ? null : parsed.expiresAt(),
                outcome == null ? null : JsonCodec.read(outcome, SessionOutcome.class));
        return new StoredCommand(view, row.getString("access_group_id"),
                Boolean.TRUE.equals(row.getBoolean("federated")));
    }
}
