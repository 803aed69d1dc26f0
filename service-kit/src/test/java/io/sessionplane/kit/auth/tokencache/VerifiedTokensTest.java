package io.sessionplane.kit.auth.tokencache;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    /** A clock that moves only when told to. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final SteppedClock clock = new SteppedClock();

    private VerifiedTokens cache(boolean enabled, int maxEntries, Duration maxAge) {
        VerifiedTokens tokens = new VerifiedTokens();
        tokens.clock = clock;
        tokens.config = new TokenCacheConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int maxEntries() {
                return maxEntries;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
        return tokens;
    }

    /** An identity as the JWT validator builds it, for a token expiring at {@code expSeconds} (epoch seconds). */
    private static QuarkusSecurityIdentity identity(long expSeconds) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "LOCAL\\\\admin";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(expSeconds) : null;
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).build();
    }

    private long inSeconds(long seconds) {
        return clock.millis() / 1000 + seconds;
    }

    @Test
    void aVerifiedTokenIsFoundByItsExactTextOnly() {
        VerifiedTokens tokens = cache(true, 10, Duration.ofMinutes(5));
        QuarkusSecurityIdentity identity = identity(inSeconds(600));
        tokens.remember("header.payload.signature", identity);
        var found = tokens.find("header.payload.signature");
        assertThat(found.getPrincipal()).isSameAs(identity.getPrincipal());
        assertThat(VerifiedTokens.fromCache(found)).isTrue();
        assertThat(VerifiedTokens.fromCache(identity)).isFalse();
        assertThat(tokens.hits()).isEqualTo(1);
        assertThat(tokens.find("header.payload.signaturf")).isNull();
        assertThat(tokens.find("header.payloae.signature")).isNull();
    }

    @Test
    void aTokenIsNeverServedPastItsExpiryNorPastTheMaximumAge() {
        VerifiedTokens tokens = cache(true, 10, Duration.ofMinutes(5));
        tokens.remember("expired", identity(inSeconds(-1)));
        assertThat(tokens.find("expired")).isNull();
        tokens.remember("short-lived", identity(inSeconds(60)));
        tokens.remember("long-lived", identity(inSeconds(3600)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.find("short-lived")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.find("short-lived")).isNull();
        clock.advance(Duration.ofMinutes(4).minusSeconds(1));
        assertThat(tokens.find("long-lived")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.find("long-lived")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aFullCacheMakesRoomFromExpiredEntriesOnlyAndOtherwiseVerifiesAgain() {
        VerifiedTokens tokens = cache(true, 2, Duration.ofMinutes(5));
        tokens.remember("a", identity(inSeconds(600)));
        tokens.remember("b", identity(inSeconds(600)));
        tokens.remember("c", identity(inSeconds(600)));
        assertThat(tokens.find("c")).isNull();
        assertThat(tokens.find("a")).isNotNull();
        clock.advance(Duration.ofMinutes(5));
        tokens.remember("c", identity(inSeconds(600)));
        assertThat(tokens.find("c")).isNotNull();
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void disabledItKeepsNothing() {
        VerifiedTokens tokens = cache(false, 10, Duration.ofMinutes(5));
        tokens.remember("token", identity(inSeconds(600)));
        assertThat(tokens.find("token")).isNull();
        assertThat(tokens.size()).isZero();
    }
}
