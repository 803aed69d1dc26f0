package io.sessionplane.session.auth;

import io.sessionplane.kit.id.DerivedIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing, for all replicas at once (PostgreSQL): each login attempt first reserves one of the
 * account's {@code max-failures} slots in the current window, atomically, before the slow hash runs; a success gives
 * them all back. So parallel guesses cannot pass together, and a replica restart forgets nothing. Unknown accounts
 * are throttled the same way (the answer never tells which accounts exist); accounts are kept only as digests.
 */
@ApplicationScoped
public class LoginThrottle {
    // One statement decides: a new or expired window starts at 1; a current one counts up while below the limit;
    // at the limit no row is returned and nothing changes.
    private static final String RESERVE = """
            INSERT INTO login_throttle AS t (account_hash, attempts, window_started_at) VALUES ($1, 1, now())
            ON CONFLICT (account_hash) DO UPDATE SET
                attempts = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1
                    ELSE t.attempts + 1 END,
                window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now()
                    ELSE t.window_started_at END
            WHERE t.window_started_at <= now() - make_interval(secs => $2) OR t.attempts < $3
            RETURNING attempts
            """;
    private static final String RETRY_AFTER = """
            SELECT GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $2) - now()))))::int
                AS seconds FROM login_throttle WHERE account_hash = $1
            """;

    /** Whether the attempt may go ahead; if not, when to try again. */
    public record Reservation(boolean allowed, long retryAfterSeconds) {
    }

    @Inject
    Pool pool;

    @Inject
    AuthConfig config;

    /** Takes a slot for this attempt; refused when the account used all of its window's slots. */
    public Uni<Reservation> reserve(String domain, String username) {
        String account = account(domain, username);
        double window = config.loginThrottle().window().toMillis() / 1000.0;
        return pool.preparedQuery(RESERVE).execute(Tuple.of(account, window, config.loginThrottle().maxFailures()))
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(new Reservation(true, 0))
                        : pool.preparedQuery(RETRY_AFTER).execute(Tuple.of(account, window)).map(retry ->
                                new Reservation(false, retry.rowCount() == 0 ? 1
                                        : retry.iterator().next().getInteger("seconds"))));
    }

    /** A successful login gives the account's slots back. */
    public Uni<Void> succeeded(String domain, String username) {
        return pool.preparedQuery("DELETE FROM login_throttle WHERE account_hash = $1")
                .execute(Tuple.of(account(domain, username))).replaceWithVoid();
    }

    /** Forgets windows that ended: their accounts may try again anyway. */
    public Uni<Integer> purgeExpired() {
        Duration window = config.loginThrottle().window();
        return pool.preparedQuery("DELETE FROM login_throttle WHERE window_started_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(window.toMillis() / 1000.0)).map(RowSet::rowCount);
    }

    private static String account(String domain, String username) {
        return DerivedIds.sha256Hex(OperatorDirectory.principal(domain, username).toLowerCase(Locale.ROOT));
    }
}
