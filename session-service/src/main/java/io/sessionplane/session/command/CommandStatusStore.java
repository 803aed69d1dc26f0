package io.sessionplane.session.command;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The command-status read model: ACCEPTED when on Kafka, then the first outcome the agent reports. */
@ApplicationScoped
public class CommandStatusStore {
    private static final String ACCEPTED = """
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, command,
                updated_at)
            VALUES ($1, $2, $3, 'ACCEPTED', $4, $5, $6::text::jsonb, $5)
            ON CONFLICT (command_id) DO UPDATE SET command = EXCLUDED.command
            WHERE session_command.command IS NULL
            """;
    // The first outcome wins: a redelivered or duplicate outcome never changes a finished command.
    private static final String OUTCOME = """
            INSERT INTO session_command (command_id, session_id, action, status, requested_by, requested_at, outcome,
                updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $6)
            ON CONFLICT (command_id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
                updated_at = EXCLUDED.updated_at
            WHERE session_command.outcome IS NULL
            """;

    @Inject
    Pool pool;

    public Uni<Void> recordAccepted(List<SessionCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = commands.stream().map(c -> Tuple.from(new Object[] {
            UUID.fromString(c.commandId()), c.sessionId(), c.action().name(), c.requestedBy(), c.requestedAt(),
            JsonCodec.write(c)})).toList();
        return pool.preparedQuery(ACCEPTED).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> recordOutcomes(List<SessionOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = outcomes.stream().map(o -> Tuple.from(new Object[] {
            UUID.fromString(o.commandId()), o.sessionId(), o.action().name(), o.status().name(), o.requestedBy(),
            o.time(), JsonCodec.write(o)})).toList();
        return pool.preparedQuery(OUTCOME).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Optional<CommandStatusView>> find(UUID commandId) {
        return pool.preparedQuery("SELECT command_id, session_id, action, status, requested_by, requested_at, updated_at,"
                + " command::text, outcome::text FROM session_command WHERE command_id = $1")
                .execute(Tuple.of(commandId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    String command = row.getString(7);
                    String outcome = row.getString(8);
                    SessionCommand parsedCommand = command == null ? null : JsonCodec.read(command, SessionCommand.class);
                    return Optional.of(new CommandStatusView(row.getUUID(0).toString(), row.getString(1),
                            row.getString(2), CommandStatus.valueOf(row.getString(3)), row.getString(4), row.getLong(5),
                            row.getLong(6), parsedCommand == null ? null : parsedCommand.forced(),
                            parsedCommand == null ? null : parsedCommand.messageType(),
                            outcome == null ? null : JsonCodec.read(outcome, SessionOutcome.class)));
                });
    }
}
