package io.sessionplane.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Docker Compose health check of the console image (no shell, no curl, and the console does not carry service-kit):
 * exits 0 when {@code /q/health/ready} answers 200. {@code java -cp '/deployments/app/*' io.sessionplane.console.ReadinessProbe}
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
