package io.sessionplane.session.command;

import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.kit.kafka.CommandRecords;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.sessionplane.session.inventory.SessionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows commands from {@code session.commands.v1} (accepted) to {@code session.outcomes.v1} (finished), and lets
 * outcomes update the session read model ahead of the agent's next snapshot.
 */
@ApplicationScoped
public class CommandStatusConsumer {

    @Inject
    CommandStatusStore commands;

    @Inject
    SessionStore sessions;

    @Inject
    DeadLetters deadLetters;

    @Incoming("commandlog")
    public Uni<Void> consumeCommands(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, CommandRecords::command).chain(accepted ->
                RetryPolicy.untilDatabaseAnswers("command status", () -> commands.recordAccepted(accepted)));
    }

    /**
     * Outcomes are trusted only when they fit their command: an outcome whose command is known with another session
     * or action (a forged or confused agent) goes to the dead-letter topic and changes nothing. An outcome that
     * arrives before its command is kept (the command log may lag).
     */
    @Incoming("outcomes")
    public Uni<Void> consumeOutcomes(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, record -> new Consumed(record, CommandRecords.outcome(record)))
                .chain(consumed -> RetryPolicy.untilDatabaseAnswers("command outcomes", () -> commands
                        .knownCommands(consumed.stream().map(c -> c.outcome().commandId()).toList())
                        .chain(known -> {
                            List<SessionOutcome> fitting = new ArrayList<>();
                            List<Uni<Void>> refused = new ArrayList<>();
                            for (Consumed c : consumed) {
                                String mismatch = mismatch(c.outcome(), known.get(c.outcome().commandId()));
                                if (mismatch == null) {
                                    fitting.add(c.outcome());
                                } else {
                                    refused.add(deadLetters.send(c.record(), mismatch));
                                }
                            }
                            Uni<Void> deadLettered = refused.isEmpty() ? Uni.createFrom().voidItem()
                                    : Uni.join().all(refused).andFailFast().replaceWithVoid();
                            return deadLettered.chain(() -> commands.recordOutcomes(fitting))
                                    .chain(() -> sessions.applyOutcomes(fitting));
                        })));
    }

    private record Consumed(ConsumerRecord<String, String> record, SessionOutcome outcome) {
    }

    /** Why the outcome does not fit its command, or null when it does (or the command is not known yet). */
    static String mismatch(SessionOutcome outcome, CommandStatusStore.CommandTarget command) {
        if (command == null) {
            return null;
        }
        if (!command.sessionId().equals(outcome.sessionId())) {
            return "outcome of command " + outcome.commandId() + " names session " + outcome.sessionId()
                    + ", the command was for another session";
        }
        if (command.action() != outcome.action()) {
            return "outcome of command " + outcome.commandId() + " says " + outcome.action() + ", the command was "
                    + command.action();
        }
        return null;
    }
}
