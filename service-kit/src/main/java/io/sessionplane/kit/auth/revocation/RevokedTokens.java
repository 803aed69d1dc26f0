package io.sessionplane.kit.auth.revocation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.auth.TokenRevocation;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The access tokens revoked before their expiry, as every instance of every service knows them: the whole of
 * {@code auth.revocations.v1}, read by a {@link RevocationTailer} of this instance, plus what this instance revoked
 * itself (known here before the record comes back). An entry is dropped once its token has expired anyway.
 */
@ApplicationScoped
public class RevokedTokens {
    /**
     * Kept a little past expiry: verifiers accept a token for the configured clock skew after its exp. At least 5
     * minutes; a larger skew keeps entries that much longer (plus a minute), so a revoked token is never accepted
     * again between its expiry and the end of the skew.
     */
    static final long EXPIRY_GRACE_MILLIS = 5 * 60_000L;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "0")
    long clockSkewSeconds;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private final Map<String, Long> expiryByTokenId = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private RevocationTailer tailer;

    void start(@Observes StartupEvent startup) {
        tailer = new RevocationTailer(kafka, this);
        tailer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (tailer != null) {
            tailer.stop();
        }
    }

    /** True while the token with this id must be refused. */
    public boolean isRevoked(String tokenId) {
        Long expiresAt = tokenId == null ? null : expiryByTokenId.get(tokenId);
        return expiresAt != null && expiresAt + grace() > System.currentTimeMillis();
    }

    /** Records a revocation (from the topic or from this instance) and tells the listeners, once per token. */
    public void revoke(TokenRevocation revocation) {
        if (revocation.jti() == null || revocation.expiresAt() + grace() <= System.currentTimeMillis()) {
            return;
        }
        if (expiryByTokenId.put(revocation.jti(), revocation.expiresAt()) == null) {
            listeners.forEach(listener -> listener.accept(revocation.jti()));
        }
    }

    long grace() {
        return Math.max(EXPIRY_GRACE_MILLIS, (clockSkewSeconds + 60) * 1000);
    }

    /** Called with the id of every token revoked from now on (e.g. to close the streams it opened). */
    public void onRevoked(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** True once this instance has read every revocation that existed when it started. */
    public boolean caughtUp() {
        return tailer != null && tailer.caughtUp();
    }

    /** Forgets entries whose tokens have expired: no verifier accepts them any more. */
    void forgetExpired() {
        long now = System.currentTimeMillis();
        expiryByTokenId.values().removeIf(expiresAt -> expiresAt + grace() <= now);
    }

    /** Entries held now (diagnostics and tests). */
    public int size() {
        return expiryByTokenId.size();
    }
}
