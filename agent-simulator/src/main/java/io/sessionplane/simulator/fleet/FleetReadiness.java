package io.sessionplane.simulator.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every agent has reported its session: until then the control plane sees a partial fleet. */
@Readiness
@ApplicationScoped
public class FleetReadiness implements HealthCheck {

    @Inject
    FleetStartup startup;

    @Inject
    Fleet fleet;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fleet-published").status(startup.published())
                .withData("sessions", fleet.size()).build();
    }
}
