package io.sessionplane.assist.sharespace;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.assist.AssistConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Closes share spaces that waited too long in a state, and those whose user's session has ended. */
@ApplicationScoped
public class ShareSpaceSweepJob {
    private static final Logger LOG = Logger.getLogger(ShareSpaceSweepJob.class);

    @Inject
    ShareSpaceService service;

    @Inject
    AssistConfig config;

    @Scheduled(every = "${sessionplane.assist.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return timeOut().chain(this::closeOrphans).onFailure()
                .invoke(e -> LOG.warnf("share-space sweep failed (the next run, in %s, retries): %s",
                        config.sweepInterval(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Void> timeOut() {
        // Only from the state that expired: a space that moved on meanwhile has a fresh time-to-live.
        return service.expired(Instant.now()).chain(expired -> closeEach(expired, space -> service.transition(space.id(),
                ShareSpaceTransition.TIMED_OUT, EnumSet.of(space.status()), service.timeoutReason(space.status()),
                null)));
    }

    Uni<Void> closeOrphans() {
        return service.orphaned().chain(orphaned -> closeEach(orphaned, id -> service.transition(id,
                ShareSpaceTransition.SESSION_ENDED, null, null)));
    }

    /** One space after the other: each close is its own transaction and event, and one failure stops the run. */
    private static <T> Uni<Void> closeEach(List<T> spaces, Function<T, Uni<?>> close) {
        return Multi.createFrom().iterable(spaces).onItem().transformToUniAndConcatenate(close)
                .collect().last().replaceWithVoid();
    }
}
