package io.sessionplane.session.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code max-failures} failed logins for one account within {@code window}, further
 * attempts for it are refused until the oldest failure leaves the window. Per instance (in memory); unknown
 * accounts are throttled the same way, so the answer never tells which accounts exist.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final int TRACKED_ACCOUNTS_BEFORE_SWEEP = 100_000;
    private static final long SWEEP_PAUSE_MILLIS = 10_000;

    // Each account's failure times; changed only inside the map's atomic compute calls, so a sweep never drops a
    // failure that is being added.
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepAt = new AtomicLong();
    private final int maxFailures;
    private final long windowMillis;
    private final LongSupplier clock;

    @Inject
    public LoginThrottle(@ConfigProperty(name = "sessionplane.auth.login-throttle.max-failures", defaultValue = "5")
            int maxFailures,
            @ConfigProperty(name = "sessionplane.auth.login-throttle.window", defaultValue = "PT5M") Duration window) {
        this(maxFailures, window, System::currentTimeMillis);
    }

    LoginThrottle(int maxFailures, Duration window, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Whether the account may try now. */
    public boolean allowed(String domain, String username) {
        long now = clock.getAsLong();
        int[] recentFailures = {0};
        failures.computeIfPresent(OperatorDirectory.principal(domain, username), (key, recent) -> {
            prune(recent, now);
            recentFailures[0] = recent.size();
            return recent.isEmpty() ? null : recent;
        });
        return recentFailures[0] < maxFailures;
    }

    public void failed(String domain, String username) {
        long now = clock.getAsLong();
        failures.compute(OperatorDirectory.principal(domain, username), (key, recent) -> {
            Deque<Long> times = recent != null ? recent : new ArrayDeque<>();
            prune(times, now);
            times.addLast(now);
            return times;
        });
        long sweepDue = nextSweepAt.get();
        if (failures.size() > TRACKED_ACCOUNTS_BEFORE_SWEEP && now >= sweepDue
                && nextSweepAt.compareAndSet(sweepDue, now + SWEEP_PAUSE_MILLIS)) {
            // Bounded memory under a spray of made-up names: forget accounts whose failures have all expired. One
            // caller sweeps, at most every ten seconds, so a large map is not walked on every failed login.
            failures.keySet().forEach(account -> failures.computeIfPresent(account, (key, recent) -> {
                prune(recent, now);
                return recent.isEmpty() ? null : recent;
            }));
        }
    }

    public void succeeded(String domain, String username) {
        failures.remove(OperatorDirectory.principal(domain, username));
    }

    /** How many accounts have failures on record (for tests of the bound). */
    int trackedAccounts() {
        return failures.size();
    }

    private void prune(Deque<Long> recent, long now) {
        while (!recent.isEmpty() && recent.peekFirst() < now - windowMillis) {
            recent.pollFirst();
        }
    }
}
