package io.sessionplane.simulator.fleet;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Random;

/** Users come and go: {@code simulator.churn.rate} fleet events per second, published like any other change. */
@ApplicationScoped
public class ChurnJob {
    private final Random random = new Random();
    private double owed;

    @Inject
    Fleet fleet;

    @Inject
    SimulatorConfig config;

    @Inject
    AgentReportProducer publisher;

    @Inject
    FleetStartup startup;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        double rate = config.churn().rate();
        if (rate <= 0 || !startup.published()) {
            return Uni.createFrom().voidItem();
        }
        // Fractional rates accumulate, so 0.2/s is one event every five seconds on average.
        owed += rate * (0.5 + random.nextDouble());
        Uni<Void> work = Uni.createFrom().voidItem();
        while (owed >= 1) {
            owed -= 1;
            long now = System.currentTimeMillis();
            Fleet.Churned churned = fleet.churn(now);
            work = work.chain(() -> publisher.snapshots(churned.snapshots()))
                    .chain(() -> publisher.ended(churned.endedSessionIds(), now));
        }
        return work;
    }
}
