package io.sessionplane.simulator.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one fleet of this simulator instance, generated from configuration at start. */
@ApplicationScoped
public class FleetHolder {

    @Produces
    @Singleton
    Fleet fleet(SimulatorConfig config) {
        return new Fleet(config, System.currentTimeMillis());
    }
}
