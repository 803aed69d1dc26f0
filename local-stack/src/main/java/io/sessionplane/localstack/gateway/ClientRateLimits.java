package io.sessionplane.localstack.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets of the dev gateway, like NGINX's {@code limit_req} in deploy/gateway: a stricter one for
 * the token endpoints (password guessing, refresh abuse) and a general one for the API. Bounded memory: when too
 * many clients are tracked, the full (idle) buckets are forgotten first.
 */
final class ClientRateLimits {
    private static final int MAX_CLIENTS = 10_000;

    /** One client's allowance: {@code burst} requests at once, refilled at {@code perSecond}. */
    record Limit(double perSecond, double burst) {
    }

    private final Limit limit;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    ClientRateLimits(Limit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /** 0 when the request may pass (a token is taken), else the whole seconds until one is there. */
    long retryAfterSeconds(String client) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> refill(bucket, now) >= limit.burst());
        }
        double[] bucket = buckets.computeIfAbsent(client, key -> new double[] {limit.burst(), now});
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens >= 1) {
                bucket[0] = tokens - 1;
                return 0;
            }
            bucket[0] = tokens;
            return (long) Math.ceil((1 - tokens) / limit.perSecond());
        }
    }

    private double refill(double[] bucket, long now) {
        double tokens = Math.min(limit.burst(), bucket[0] + (now - (long) bucket[1]) / 1e9 * limit.perSecond());
        bucket[1] = now;
        return tokens;
    }
}
