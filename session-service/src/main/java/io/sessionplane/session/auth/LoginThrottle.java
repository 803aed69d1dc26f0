package io.sessionplane.session.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code max-failures} failed logins for one account within {@code window}, further
 * attempts for it are refused until the oldest failure leaves the window. Per instance (in memory); unknown
 * accounts are throttled the same way, so the answer never tells which accounts exist.
 */
@ApplicationScoped
public class LoginThrottle {
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowMillis;

    public LoginThrottle(@ConfigProperty(name = "sessionplane.auth.login-throttle.max-failures", defaultValue = "5")
            int maxFailures,
            @ConfigProperty(name = "sessionplane.auth.login-throttle.window", defaultValue = "PT5M") Duration window) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
    }

    /** Whether the account may try now. */
    public boolean allowed(String domain, String username) {
        Deque<Long> recent = failures.get(key(domain, username));
        if (recent == null) {
            return true;
        }
        synchronized (recent) {
            prune(recent, System.currentTimeMillis());
            return recent.size() < maxFailures;
        }
    }

    public void failed(String domain, String username) {
        Deque<Long> recent = failures.computeIfAbsent(key(domain, username), k -> new ArrayDeque<>());
        synchronized (recent) {
            long now = System.currentTimeMillis();
            prune(recent, now);
            recent.addLast(now);
        }
        if (failures.size() > 100_000) {
            // Bounded memory under a spray of made-up names: forget accounts whose failures have all expired.
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue(), System.currentTimeMillis());
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    public void succeeded(String domain, String username) {
        failures.remove(key(domain, username));
    }

    private void prune(Deque<Long> recent, long now) {
        while (!recent.isEmpty() && recent.peekFirst() < now - windowMillis) {
            recent.pollFirst();
        }
    }

    private static String key(String domain, String username) {
        return domain.toUpperCase(Locale.ROOT) + "\\" + username;
    }
}
