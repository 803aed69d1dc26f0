package io.sessionplane.session.command;

import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.sessionplane.session.inventory.SessionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows commands from {@code session.commands.v1} (accepted) to {@code session.outcomes.v1} (finished), and lets
 * outcomes update the session read model ahead of the agent's next snapshot.
 */
@ApplicationScoped
public class CommandStatusProjection {

    @Inject
    CommandStatusStore commands;

    @Inject
    SessionStore sessions;

    @Inject
    DeadLetters deadLetters;

    @Incoming("commandlog")
    public Uni<Void> consumeCommands(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, CommandStatusProjection::command).chain(accepted ->
                RetryPolicy.untilDatabaseAnswers("command status", () -> commands.recordAccepted(accepted)));
    }

    @Incoming("outcomes")
    public Uni<Void> consumeOutcomes(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, CommandStatusProjection::outcome).chain(outcomes ->
                RetryPolicy.untilDatabaseAnswers("command outcomes",
                        () -> commands.recordOutcomes(outcomes).chain(() -> sessions.applyOutcomes(outcomes))));
    }

    static SessionCommand command(ConsumerRecord<String, String> record) {
        SessionCommand command = JsonCodec.read(value(record), SessionCommand.class);
        if (command.commandId() == null || command.action() == null || command.sessionId() == null) {
            throw new IllegalArgumentException("command lacks command_id, action or session_id");
        }
        UUID.fromString(command.commandId());
        return command;
    }

    static SessionOutcome outcome(ConsumerRecord<String, String> record) {
        SessionOutcome outcome = JsonCodec.read(value(record), SessionOutcome.class);
        if (outcome.commandId() == null || outcome.action() == null || outcome.status() == null
                || outcome.sessionId() == null) {
            throw new IllegalArgumentException("outcome lacks command_id, action, status or session_id");
        }
        UUID.fromString(outcome.commandId());
        return outcome;
    }

    private static String value(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record has no value");
        }
        return record.value();
    }
}
