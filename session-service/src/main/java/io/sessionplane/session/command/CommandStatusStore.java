package io.sessionplane.session.command;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.auth.AccessScoped;
import io.sessionplane.kit.sql.NamedSql;
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
    private static final NamedSql ACCEPTED = NamedSql.of("""
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, command,
                updated_at, access_group_id, federated)
            VALUES (#{command_id}, #{session_id}, #{action}, 'ACCEPTED', #{requested_by}, #{requested_at},
                #{command}::text::jsonb, #{requested_at},
                COALESCE(#{access_group_id}, (SELECT access_group_id FROM session WHERE id = #{session_id})),
                #{federated})
            ON CONFLICT (command_id) DO UPDATE SET command = EXCLUDED.command,
                access_group_id = COALESCE(EXCLUDED.access_group_id, session_command.access_group_id),
                federated = EXCLUDED.federated
            WHERE session_command.command IS NULL
            """);
    // The first outcome wins: a redelivered or duplicate outcome never changes a finished command. An outcome that
    // arrives before its command takes the access group from the session read model.
    private static final NamedSql OUTCOME = NamedSql.of("""
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, outcome,
                updated_at, access_group_id, federated)
            VALUES (#{command_id}, #{session_id}, #{action}, #{status}, #{requested_by}, #{time},
                #{outcome}::text::jsonb, #{time},
                (SELECT access_group_id FROM session WHERE id = #{session_id}),
                (SELECT federated FROM session WHERE id = #{session_id}))
            ON CONFLICT (command_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            WHERE session_command.outcome IS NULL
            """);

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

    public Uni<Void> recordAccepted(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A batch is one implicit transaction: rows in command-id order, so that the write-through, the command
        // projection and the outcome projection take their row locks in one order and never deadlock each other.
        List<Tuple> rows = commands.stream().sorted(java.util.Comparator.comparing(c -> UUID.fromString(c.commandId())))
                .map(c -> {
            Map<String, Object> row = new HashMap<>();
            row.put("command_id", UUID.fromString(c.commandId()));
            row.put("session_id", c.sessionId());
            row.put("action", c.action().name());
            row.put("requested_by", c.requestedBy());
            row.put("requested_at", c.requestedAt());
            row.put("command", JsonCodec.write(c));
            row.put("access_group_id", c.accessGroupId());
            row.put("federated", c.federated());
            return ACCEPTED.bind(row);
        }).toList();
        return pool.preparedQuery(ACCEPTED.sql()).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> recordOutcomes(List<SessionOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = outcomes.stream().sorted(java.util.Comparator.comparing(o -> UUID.fromString(o.commandId())))
                .map(o -> {
            Map<String, Object> row = new HashMap<>();
            row.put("command_id", UUID.fromString(o.commandId()));
            row.put("session_id", o.sessionId());
            row.put("action", o.action().name());
            row.put("status", o.status().name());
            row.put("requested_by", o.requestedBy());
            row.put("time", o.time());
            row.put("outcome", JsonCodec.write(o));
            return OUTCOME.bind(row);
        }).toList();
        return pool.preparedQuery(OUTCOME.sql()).executeBatch(rows).replaceWithVoid();
    }

    /** Forgets commands whose status last changed before the cut-off (epoch ms): security state does not pile up. */
    public Uni<Integer> purgeOlderThan(long updatedBefore) {
        return pool.preparedQuery("DELETE FROM session_command WHERE updated_at < $1").execute(Tuple.of(updatedBefore))
                .map(rows -> rows.rowCount());
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
