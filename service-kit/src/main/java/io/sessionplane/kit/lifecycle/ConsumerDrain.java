package io.sessionplane.kit.lifecycle;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.DemandPauser;
import io.smallrye.reactive.messaging.PublisherDecorator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every incoming connector channel, made stoppable: {@link #pause()} stops asking the broker's consumers for more,
 * and {@link #inFlight()} counts the messages (records or batches) handed to a consumer method and not yet
 * acknowledged or refused. The stop sequence uses both so the batches under way finish while the database pool is
 * still open, then {@link #withhold()}s whatever still arrives; what a consumer method has not taken stays uncommitted
 * and goes to the instance that gets its partitions.
 */
@ApplicationScoped
public class ConsumerDrain implements PublisherDecorator {
    private final List<DemandPauser> pausers = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlightByChannel = new ConcurrentHashMap<>();
    private final AtomicLong handedOver = new AtomicLong();
    private volatile boolean withheld;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelName,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        DemandPauser pauser = new DemandPauser();
        pausers.add(pauser);
        // IGNORE: a message already asked for when the channel pauses is still handed over (and counted), not held
        // back where it would count as unprocessed until the connector's close gives up on it.
        Multi<Message<?>> paused = ((Multi<Message<?>>) (Multi) publisher).pauseDemand()
                .bufferStrategy(BackPressureStrategy.IGNORE).using(pauser);
        AtomicInteger channel = inFlightByChannel.computeIfAbsent(String.join(",", channelName),
                name -> new AtomicInteger());
        return paused.select().where(message -> !withheld).map(message -> tracked(message, channel));
    }

    /** After SmallRye's own decorators (context, metrics), so the pause sits next to the consumer method. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }

    /** Asks no channel's consumer for more; what was already asked for still arrives. */
    public void pause() {
        pausers.forEach(DemandPauser::pause);
    }

    /**
     * From now on nothing more reaches a consumer method, not even what was asked for before the pause: once the
     * database pool closes it could only fail. What is withheld is never acknowledged, so the connector leaves it
     * uncommitted (waiting {@code auto.commit.interval.ms} for it when it closes) and the next owner of its partition
     * consumes it.
     */
    public void withhold() {
        withheld = true;
    }

    /** Messages handed to consumer methods and not yet acknowledged or refused. */
    public int inFlight() {
        return inFlightByChannel.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The channels holding messages under way, with how many each, for the log of a stop that timed out. */
    public Map<String, Integer> inFlightByChannel() {
        return BusyCounts.of(inFlightByChannel);
    }

    /** Messages handed to consumer methods since the start. */
    public long handedOver() {
        return handedOver.get();
    }

    private Message<?> tracked(Message<?> message, AtomicInteger channel) {
        handedOver.incrementAndGet();
        channel.incrementAndGet();
        AtomicBoolean settled = new AtomicBoolean();
        Runnable settle = () -> {
            if (settled.compareAndSet(false, true)) {
                channel.decrementAndGet();
            }
        };
        return Message.of(message.getPayload(), message.getMetadata(),
                metadata -> message.ack(metadata).whenComplete((done, failure) -> settle.run()),
                (reason, metadata) -> message.nack(reason, metadata).whenComplete((done, failure) -> settle.run()));
    }
}
