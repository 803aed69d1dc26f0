package io.sessionplane.session.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.id.DerivedIds;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key claims and key rules in plain JUnit; the store's SQL is covered by SessionActionTest. */
class IdempotencyClaimTest {

    @Test
    void aHeldKeyIsReplayedOnlyForTheSameRequestOnceAnswered() {
        assertThat(IdempotencyStore.Claim.ofExisting("h1", "h1", 200, "[]"))
                .isEqualTo(new IdempotencyStore.Claim.Replay(200, "[]"));
        assertThat(IdempotencyStore.Claim.ofExisting("h1", "h1", null, null))
                .isInstanceOf(IdempotencyStore.Claim.InProgress.class);
        assertThat(IdempotencyStore.Claim.ofExisting("h1", "h2", 200, "[]"))
                .isInstanceOf(IdempotencyStore.Claim.Mismatch.class);
        assertThat(IdempotencyStore.Claim.ofExisting("h1", "h2", null, null))
                .isInstanceOf(IdempotencyStore.Claim.Mismatch.class);
    }

    @Test
    void keysAreOneTo255VisibleAsciiCharacters() {
        IdempotencyProtocol.requireValidKey("k");
        IdempotencyProtocol.requireValidKey("~".repeat(255));
        for (String bad : new String[] {"", " ", "k".repeat(256), "with space", "tab\t", "é"}) {
            assertThatThrownBy(() -> IdempotencyProtocol.requireValidKey(bad)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void commandIdsDependOnCallerKeyRequestAndSession() {
        String id = DerivedIds.uuid("LOCAL\\admin", "key", "hash", "s-1");
        assertThat(DerivedIds.uuid("LOCAL\\admin", "key", "hash", "s-1")).isEqualTo(id);
        assertThat(DerivedIds.uuid("LOCAL\\other", "key", "hash", "s-1")).isNotEqualTo(id);
        assertThat(DerivedIds.uuid("LOCAL\\admin", "key2", "hash", "s-1")).isNotEqualTo(id);
        assertThat(DerivedIds.uuid("LOCAL\\admin", "key", "hash2", "s-1")).isNotEqualTo(id);
        assertThat(DerivedIds.uuid("LOCAL\\admin", "key", "hash", "s-2")).isNotEqualTo(id);
        // The same derivation as before DerivedIds existed, so ids stay stable across the upgrade.
        assertThat(id).isEqualTo(java.util.UUID.nameUUIDFromBytes("LOCAL\\admin\nkey\nhash\ns-1"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }
}
