package io.sessionplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    @Test
    void returnsTheFirstValueAfterLooksThatWereNotReadyYet() {
        AtomicInteger looks = new AtomicInteger();
        String value = Readiness.await("server", Duration.ofSeconds(10), Duration.ofMillis(1), null, null, () -> {
            int look = looks.incrementAndGet();
            if (look == 1) {
                throw new IllegalStateException("refused");
            }
            return look == 2 ? null : "ready at look " + look;
        });
        assertThat(value).isEqualTo("ready at look 3");
    }

    @Test
    void aTimeoutSaysTheLastReasonAndQuotesTheLog(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("server.log"), "first line\nport already in use\n");
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> Readiness.await("server", Duration.ofMillis(50), Duration.ofMillis(5), null, log,
                () -> {
                    throw new IllegalStateException("look " + looks.incrementAndGet());
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("server not ready after PT0.05S: look " + looks.get())
                .hasMessageEndingWith("port already in use");
        assertThat(looks.get()).isGreaterThan(1);
    }

    @Test
    void aProcessThatExitedEndsTheWaitAtOnce() throws Exception {
        Process exited = new ProcessBuilder("sh", "-c", "exit 3").start();
        exited.waitFor();
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> Readiness.await("broker", Duration.ofMinutes(5), Duration.ofSeconds(1), exited, null,
                () -> looks.incrementAndGet() > 0 ? null : "never"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broker exited with 3");
        assertThat(looks.get()).isZero();
    }
}
