package io.sessionplane.session.auth;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.kit.scheduling.ScheduledPurge;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Security state does not pile up: expired refresh tokens and ended throttle windows are deleted. */
@ApplicationScoped
public class AuthStatePurgeJob {
    private static final Logger LOG = Logger.getLogger(AuthStatePurgeJob.class);

    @Inject
    RefreshTokenStore refreshTokens;

    @Inject
    LoginThrottle throttle;

    @Scheduled(every = "${sessionplane.auth.purge-interval}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return ScheduledPurge.run(LOG, "expired refresh token(s)", refreshTokens.purgeExpired(Instant.now()))
                .chain(() -> ScheduledPurge.run(LOG, "ended login throttle window(s)", throttle.purgeExpired()));
    }
}
