package io.sessionplane.kit.auth.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every revocation that existed at start is known: a new replica must not accept a revoked token. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    @Inject
    RevokedTokens revoked;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-revocations").status(revoked.caughtUp())
                .withData("revoked-tokens", revoked.size()).build();
    }
}
