package io.sessionplane.kit.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.auth.TokenRevocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevokedTokensTest {
    private static final long MINUTE = 60_000;

    private static TokenRevocation revocation(String jti, long expiresAt) {
        return new TokenRevocation(jti, expiresAt, System.currentTimeMillis(), TokenRevocation.Reason.LOGOUT);
    }

    @Test
    void aRevokedTokenIsRefusedUntilItWouldHaveExpiredAnywayThenForgotten() {
        RevokedTokens revoked = new RevokedTokens();
        long now = System.currentTimeMillis();
        revoked.revoke(revocation("live", now + 30 * MINUTE));
        // Verifiers still accept a token for their clock skew after exp: the entry outlives exp by the grace.
        revoked.revoke(revocation("just-expired", now - MINUTE));
        revoked.revoke(revocation("long-expired", now - RevokedTokens.EXPIRY_GRACE_MILLIS - MINUTE));

        assertThat(revoked.isRevoked("live")).isTrue();
        assertThat(revoked.isRevoked("just-expired")).isTrue();
        assertThat(revoked.isRevoked("long-expired")).as("never stored").isFalse();
        assertThat(revoked.isRevoked("never-revoked")).isFalse();
        assertThat(revoked.isRevoked(null)).isFalse();
        assertThat(revoked.size()).isEqualTo(2);

        revoked.forgetExpired();
        assertThat(revoked.size()).isEqualTo(2);
    }

    /** A verifier configured with a larger clock skew accepts an expired token longer: its revocation lasts too. */
    @Test
    void aLargerClockSkewKeepsRevocationsLonger() {
        RevokedTokens revoked = new RevokedTokens();
        revoked.clockSkewSeconds = 900;
        long now = System.currentTimeMillis();
        revoked.revoke(revocation("expired-ten-minutes-ago", now - 10 * MINUTE));
        assertThat(revoked.isRevoked("expired-ten-minutes-ago")).as("still inside the 15 min skew").isTrue();
        revoked.revoke(revocation("expired-seventeen-minutes-ago", now - 17 * MINUTE));
        assertThat(revoked.isRevoked("expired-seventeen-minutes-ago")).isFalse();
    }

    @Test
    void listenersHearOfEachTokenOnceWhereverTheRevocationCameFrom() {
        RevokedTokens revoked = new RevokedTokens();
        List<String> heard = new ArrayList<>();
        revoked.onRevoked(heard::add);
        long later = System.currentTimeMillis() + 30 * MINUTE;
        revoked.revoke(revocation("a", later));
        // The same revocation read back from the topic after this instance applied it itself.
        revoked.revoke(revocation("a", later));
        revoked.revoke(revocation("b", later));
        assertThat(heard).containsExactly("a", "b");
    }
}
