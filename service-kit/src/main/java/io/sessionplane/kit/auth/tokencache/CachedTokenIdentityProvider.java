package io.sessionplane.kit.auth.tokencache;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Answers a bearer token this instance verified before from {@link VerifiedTokens}; any other token gets a null
 * identity, which makes Quarkus ask the next provider (SmallRye JWT's validator, which verifies it in full).
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    @Inject
    VerifiedTokens verified;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(verified.find(request.getToken().getToken()));
    }

    /**
     * Asked before the JWT validator. Quarkus asks providers from the highest priority down, and a provider that
     * does not say (SmallRye JWT's validator) has 1001, above {@code SYSTEM_FIRST} (1000).
     */
    @Override
    public int priority() {
        return 10_000;
    }
}
