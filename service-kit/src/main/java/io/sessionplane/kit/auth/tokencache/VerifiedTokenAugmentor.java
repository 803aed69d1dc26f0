package io.sessionplane.kit.auth.tokencache;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers each identity built from a verified bearer token. Runs after the other augmentors, so a revoked token
 * (refused by them) is never remembered; a remembered one is still checked by them on every later request.
 */
@ApplicationScoped
public class VerifiedTokenAugmentor implements SecurityIdentityAugmentor {
    @Inject
    VerifiedTokens verified;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        // An identity the cache answered is already remembered: no second hash of the token on the hot path.
        if (identity.getPrincipal() instanceof JsonWebToken && !VerifiedTokens.fromCache(identity)) {
            TokenCredential credential = identity.getCredential(TokenCredential.class);
            if (credential != null) {
                verified.remember(credential.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }
}
