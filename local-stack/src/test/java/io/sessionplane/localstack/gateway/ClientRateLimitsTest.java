package io.sessionplane.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dev gateway's per-client token buckets, on a clock the test moves. */
class ClientRateLimitsTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ClientRateLimits limits = new ClientRateLimits(new ClientRateLimits.Limit(1, 5), now::get);

    @Test
    void aBurstPassesThenTheClientWaitsForItsRefill() {
        for (int i = 0; i < 5; i++) {
            assertThat(limits.retryAfterSeconds("10.0.0.1")).isZero();
        }
        assertThat(limits.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
        // Other clients have their own bucket.
        assertThat(limits.retryAfterSeconds("10.0.0.2")).isZero();
        now.addAndGet(1_000_000_000L);
        assertThat(limits.retryAfterSeconds("10.0.0.1")).isZero();
        assertThat(limits.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
    }

    @Test
    void refusedRequestsDoNotDrainTheBucketFurther() {
        for (int i = 0; i < 5; i++) {
            limits.retryAfterSeconds("c");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limits.retryAfterSeconds("c")).isEqualTo(1);
        }
        now.addAndGet(2_000_000_000L);
        assertThat(limits.retryAfterSeconds("c")).isZero();
        assertThat(limits.retryAfterSeconds("c")).isZero();
    }
}
