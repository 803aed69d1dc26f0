package io.sessionplane.session.command;

import io.sessionplane.kit.kafka.CommandRecords;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.sessionplane.session.inventory.SessionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Incoming("outcomes")
    public Uni<Void> consumeOutcomes(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, CommandRecords::outcome).chain(outcomes ->
                RetryPolicy.untilDatabaseAnswers("command outcomes",
                        () -> commands.recordOutcomes(outcomes).chain(() -> sessions.applyOutcomes(outcomes))));
    }
}
