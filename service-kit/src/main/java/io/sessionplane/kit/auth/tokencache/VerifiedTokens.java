package io.sessionplane.kit.auth.tokencache;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.sessionplane.kit.id.DerivedIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens this instance has verified, by the SHA-256 of the token, each until its expiry (or the configured
 * maximum age, whichever comes first). A client sends the same token with every request for its lifetime; checking
 * the RSA signature and parsing the claims again each time was a quarter of the CPU of a command (bench/README,
 * issue 15). Only the verification is reused: revocation is checked on every request by the augmentors, which run on
 * a cached identity as on a fresh one.
 */
@ApplicationScoped
public class VerifiedTokens {
    @Inject
    TokenCacheConfig config;

    /** The attribute that marks an identity answered from this cache (its verification is not remembered again). */
    static final String FROM_CACHE = "sessionplane.token-cache";

    private record Entry(SecurityIdentity identity, long validUntil) {
    }

    // Replaced by tests to pass time without waiting for it.
    Clock clock = Clock.systemUTC();

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();

    /** The identity of a token verified before and not yet expired, or null. */
    public SecurityIdentity find(String token) {
        if (!config.enabled() || token == null) {
            return null;
        }
        String hash = DerivedIds.sha256Hex(token);
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return null;
        }
        if (entry.validUntil() <= clock.millis()) {
            byHash.remove(hash, entry);
            return null;
        }
        hits.increment();
        return entry.identity();
    }

    /** Keeps a freshly verified token's identity until the token expires, within the cache's bounds. */
    public void remember(String token, SecurityIdentity identity) {
        if (!config.enabled() || token == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = clock.millis();
        long validUntil = Math.min(jwt.getExpirationTime() * 1000, now + config.maxAge().toMillis());
        if (validUntil <= now) {
            return;
        }
        if (byHash.size() >= config.maxEntries()) {
            byHash.values().removeIf(entry -> entry.validUntil() <= now);
            if (byHash.size() >= config.maxEntries()) {
                return;
            }
        }
        byHash.put(DerivedIds.sha256Hex(token), new Entry(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(FROM_CACHE, true).build(), validUntil));
    }

    /** True for an identity this cache answered: it was verified and remembered before. */
    public static boolean fromCache(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(FROM_CACHE));
    }

    /** How many requests were answered from the cache since start (for tests and metrics). */
    public long hits() {
        return hits.sum();
    }

    /** How many verifications are kept (for tests and metrics). */
    public int size() {
        return byHash.size();
    }
}
