package io.sessionplane.kit.health;

import io.quarkus.runtime.ShutdownEvent;
import io.sessionplane.kit.kafka.KafkaClientSettings;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers a metadata request within 2 s. The channels' own health notices a
 * stalled broker only when a request of theirs times out (30 s for a consumer); a service that cannot reach the
 * broker must leave the load balancer sooner, and stay alive (liveness) to resume by itself.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements AsyncHealthCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile Admin admin;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> admin().describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) TIMEOUT.toMillis())).nodes().toCompletionStage())
                .map(nodes -> HealthCheckResponse.named("kafka").up().withData("brokers", nodes.size()).build())
                .ifNoItem().after(TIMEOUT.plusMillis(500)).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("kafka").down()
                        .withData("reason", "no metadata answer within " + TIMEOUT.toMillis() + " ms").build());
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = KafkaClientSettings.connection(kafka);
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
