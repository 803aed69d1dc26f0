package io.sessionplane.kit.kafka;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
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
        requireOutcome(outcome);
        AgentClock.notInTheFuture(outcome.time(), "time");
        return outcome;
    }

    /**
     * What the public stream and the audit log tell of an outcome must be an outcome: never ACCEPTED (a command's
     * status before any outcome), and an event type of its action's outcomes (or the expiry's).
     */
    public static void requireOutcome(SessionOutcome outcome) {
        if (outcome.status() == CommandStatus.ACCEPTED) {
            throw new IllegalArgumentException("an outcome's status cannot be ACCEPTED");
        }
        if (outcome.action() == null || !isOutcomeType(outcome.action(), outcome.eventType())) {
            throw new IllegalArgumentException("event_type " + outcome.eventType() + " is not an outcome of "
                    + outcome.action());
        }
    }

    static boolean isOutcomeType(SessionAction action, EventType type) {
        return type == EventType.SESSION_COMMAND_EXPIRED || type != null
                && (type == action.outcomeType(false, true) || type == action.outcomeType(false, false)
                        || type == action.outcomeType(true, true) || type == action.outcomeType(true, false));
    }

    private static String value(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record has no value");
        }
        return record.value();
    }
}
