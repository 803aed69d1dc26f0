package io.sessionplane.simulator.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.kit.kafka.CloudEvents;
import io.sessionplane.kit.kafka.CommandRecords;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.sessionplane.simulator.fleet.AgentReportProducer;
import io.sessionplane.simulator.fleet.Execution;
import io.sessionplane.simulator.fleet.Fleet;
import io.sessionplane.simulator.fleet.FleetStartup;
import io.sessionplane.simulator.fleet.SimulatorConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The agents' side of {@code session.commands.v1}: each command is executed once (by command id) with the
 * documented rules, its one outcome goes to {@code session.outcomes.v1} and the changed session to the inventory.
 * Offsets are committed only after all of a batch's reports are acknowledged.
 */
@ApplicationScoped
public class CommandConsumer {

    @Inject
    Fleet fleet;

    @Inject
    SimulatorConfig config;

    @Inject
    AgentReportProducer publisher;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Inject
    FleetStartup startup;

    @Inject
    @Channel("outcomes")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> outcomes;

    @Incoming("commands")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Duration latency = config.commands().latency();
        // Not before the commands an earlier run executed are known: a redelivered one must not run twice.
        Uni<List<SessionCommand>> parsed = Uni.createFrom().completionStage(startup::commandsRemembered)
                .chain(() -> deadLetters.parseOrDeadLetter(records, CommandRecords::command));
        if (!latency.isZero()) {
            parsed = parsed.onItem().delayIt().by(latency);
        }
        return parsed.chain(commands -> {
                    long now = System.currentTimeMillis();
                    List<Execution> executions = new ArrayList<>();
                    for (SessionCommand command : commands) {
                        fleet.execute(command, now).ifPresentOrElse(execution -> {
                            executions.add(execution);
                            registry.counter("simulator.commands.executed", "action", command.action().name(),
                                    "status", execution.outcome().status().name()).increment();
                        }, () -> registry.counter("simulator.commands.redelivered").increment());
                    }
                    // Reports are issued in order, so outcomes of one session stay in order on its partition.
                    return AgentReportProducer.each(executions, this::report);
                });
    }

    private Uni<Void> report(Execution execution) {
        SessionOutcome outcome = execution.outcome();
        Uni<Void> sent = RetryPolicy.untilBrokerAcknowledges("session outcome", () -> outcomes.sendMessage(
                CloudEvents.message(outcome, outcome.sessionId(), outcome.eventType().name(), outcome.eventId(),
                        AgentReportProducer.SOURCE + "/" + outcome.podId(), outcome.sessionId(),
                        Instant.ofEpochMilli(outcome.time()))));
        if (execution.snapshot() != null) {
            return sent.chain(() -> publisher.snapshot(execution.snapshot()));
        }
        if (execution.endedSessionId() != null) {
            return sent.chain(() -> publisher.ended(execution.endedSessionId(), outcome.time()));
        }
        return sent;
    }
}
