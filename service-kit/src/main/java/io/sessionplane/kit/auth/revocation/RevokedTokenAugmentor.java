package io.sessionplane.kit.auth.revocation;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A revoked access token fails authentication like a forged or expired one (401), in every service: logout ends the
 * access tokens of the session, not only its refresh token.
 */
@ApplicationScoped
public class RevokedTokenAugmentor implements SecurityIdentityAugmentor {

    @Inject
    RevokedTokens revoked;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && revoked.isRevoked(token.getTokenID())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the access token was revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
