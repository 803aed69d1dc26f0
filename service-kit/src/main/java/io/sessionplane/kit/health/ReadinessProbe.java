package io.sessionplane.kit.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Container health check for runtimes whose probes run a command (Docker Compose): exits 0 when the service's
 * {@code /q/health/ready} answers 200, 1 otherwise. The images carry no shell or curl; Kubernetes uses httpGet probes.
 * {@code java -cp '/deployments/lib/main/*' io.sessionplane.kit.health.ReadinessProbe [port]}
 */
public final class ReadinessProbe {
    private ReadinessProbe() {
    }

    public static void main(String[] args) {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("QUARKUS_HTTP_PORT", "8080");
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
