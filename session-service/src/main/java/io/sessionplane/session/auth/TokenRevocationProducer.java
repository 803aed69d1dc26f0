package io.sessionplane.session.auth;

import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.kit.auth.revocation.RevokedTokens;
import io.sessionplane.kit.kafka.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts revoked access tokens on {@code auth.revocations.v1}, keyed by token id; completes once the broker acked every
 * one (then every replica of every service refuses them as soon as it reads them), and this instance refuses them at
 * once.
 */
@ApplicationScoped
public class TokenRevocationProducer {
    public static final String SOURCE = "/sessionplane/session-service";

    @Inject
    @Channel("revocations")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    @Inject
    RevokedTokens revoked;

    /** Lazy, like the emitter: nothing is sent until the returned Uni is subscribed. */
    public Uni<Void> revoke(List<RefreshTokenStore.LiveAccessToken> tokens, TokenRevocation.Reason reason) {
        if (tokens.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long now = System.currentTimeMillis();
        List<TokenRevocation> revocations = tokens.stream().map(token -> new TokenRevocation(token.jti(),
                token.expiresAt().toEpochMilli(), now, reason)).toList();
        return Uni.join().all(revocations.stream().map(revocation -> Uni.createFrom().deferred(() ->
                emitter.sendMessage(CloudEvents.message(revocation, revocation.jti(),
                        CloudEventHeaders.TYPE_TOKEN_REVOKED, revocation.jti(), SOURCE, null,
                        Instant.ofEpochMilli(now))))).toList()).andFailFast()
                .invoke(() -> revocations.forEach(revoked::revoke)).replaceWithVoid();
    }
}
