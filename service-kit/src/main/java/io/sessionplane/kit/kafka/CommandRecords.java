package io.sessionplane.kit.kafka;

import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads records of {@code session.commands.v1} and {@code session.outcomes.v1}; anything that cannot be acted on is
 * refused with an IllegalArgumentException (so {@link DeadLetters#parseOrDeadLetter} dead-letters it).
 */
public final class CommandRecords {
    private CommandRecords() {
    }

    public static SessionCommand command(ConsumerRecord<String, String> record) {
        SessionCommand command = JsonCodec.read(value(record), SessionCommand.class);
        if (command.commandId() == null || command.action() == null || command.sessionId() == null) {
            throw new IllegalArgumentException("command lacks command_id, action or session_id");
        }
        UUID.fromString(command.commandId());
        return command;
    }

    public static SessionOutcome outcome(ConsumerRecord<String, String> record) {
        SessionOutcome outcome = JsonCodec.read(value(record), SessionOutcome.class);
        if (outcome.commandId() == null || outcome.action() == null || outcome.status() == null
                || outcome.sessionId() == null) {
            throw new IllegalArgumentException("outcome lacks command_id, action, status or session_id");
        }
        UUID.fromString(outcome.commandId());
        if (record.key() != null && !record.key().equals(outcome.sessionId())) {
            throw new IllegalArgumentException("outcome of session " + outcome.sessionId() + " keyed as " + record.key());
        }
        AgentClock.notInTheFuture(outcome.time(), "time");
        return outcome;
    }

    private static String value(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record has no value");
        }
        return record.value();
    }
}
