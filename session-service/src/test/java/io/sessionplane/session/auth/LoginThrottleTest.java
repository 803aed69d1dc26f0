package io.sessionplane.session.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), now::get);

    @Test
    void anAccountIsRefusedAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allowed("example", "jdoe")).isTrue();
            throttle.failed("example", "jdoe");
            now.addAndGet(60_000);
        }
        assertThat(throttle.allowed("example", "jdoe")).isFalse();
        // Domains are case-insensitive; other accounts are not affected.
        assertThat(throttle.allowed("EXAMPLE", "jdoe")).isFalse();
        assertThat(throttle.allowed("example", "asmith")).isTrue();
        // The first failure (at 0 min) leaves the five-minute window after 5 min.
        now.set(1_000_000 + 5 * 60_000 + 1);
        assertThat(throttle.allowed("example", "jdoe")).isTrue();
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("example", "jdoe");
        }
        throttle.succeeded("example", "jdoe");
        assertThat(throttle.allowed("example", "jdoe")).isTrue();
        assertThat(throttle.trackedAccounts()).isZero();
    }

    @Test
    void accountsWhoseFailuresExpiredAreForgottenOnceTheMapIsLarge() {
        for (int i = 0; i <= 100_000; i++) {
            throttle.failed("example", "sprayed-" + i);
        }
        assertThat(throttle.trackedAccounts()).isEqualTo(100_001);
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        throttle.failed("example", "latest");
        assertThat(throttle.trackedAccounts()).isEqualTo(1);
        assertThat(throttle.allowed("example", "latest")).isTrue();
    }
}
