package io.sessionplane.session.command;

import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.kit.kafka.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Puts commands on {@code session.commands.v1}, keyed by session id; the Uni completes on the broker's ack. */
@ApplicationScoped
public class CommandProducer {
    public static final String SOURCE = "/sessionplane/session-service";

    @Inject
    @Channel("commands")
    // A bulk request of 1,000 ids is sent at once; the buffer holds several such requests.
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    MutinyEmitter<String> emitter;

    /** Lazy, like the emitter: nothing is sent until the returned Uni is subscribed. */
    public Uni<Void> send(SessionCommand command) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(CloudEvents.message(command, command.sessionId(),
                CloudEventHeaders.TYPE_SESSION_COMMAND, command.commandId(), SOURCE, command.sessionId(),
                Instant.ofEpochMilli(command.requestedAt()))));
    }
}
