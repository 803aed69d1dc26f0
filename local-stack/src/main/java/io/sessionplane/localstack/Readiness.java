package io.sessionplane.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a started server to be ready, the one way every part of the stack does. */
public final class Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One look at the server: a value once it is ready; null, or an exception saying why, while it is not. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    private Readiness() {
    }

    /**
     * Looks every {@code interval} until the probe yields a value. A process that exits ends the wait at once (it
     * would never become ready); either failure says the last reason and ends with the log's tail.
     *
     * @param process the server's process, or null when there is none to watch
     * @param logFile the log to quote on failure, or null
     */
    public static <T> T await(String what, Duration timeout, Duration interval, Process process, Path logFile,
            Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastReason = "no answer";
        while (true) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + tail(logFile));
            }
            try {
                T value = probe.look();
                if (value != null) {
                    return value;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastReason = e.getMessage() != null ? e.getMessage() : e.toString();
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout + ": " + lastReason
                        + tail(logFile));
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until a Quarkus service's {@code /q/health/ready} on 127.0.0.1:{@code port} answers 200. */
    public static void awaitHealthReady(String what, int port, Duration timeout, Process process, Path logFile) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).build();
        await(what, timeout, Duration.ofMillis(500), process, logFile, () -> {
            int status = HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("/q/health/ready answers " + status);
            }
            return Boolean.TRUE;
        });
    }

    private static String tail(Path logFile) {
        return logFile == null ? "" : ":\n" + JavaProcess.tail(logFile, 40);
    }
}
