package io.sessionplane.assist.sharespace;

import static io.sessionplane.contracts.assist.ShareSpaceStatus.CLOSE;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.OPEN;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.WAIT_USER_ACCESS;
import static io.sessionplane.contracts.assist.ShareSpaceStatus.WAIT_USER_CONFIRM;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Plain unit tests (no server) of the share-space transition table (which answer moves which states, where) and of the
 * ids its records derive.
 */
class ShareSpaceTransitionTest {

    private static Set<ShareSpaceStatus> movedFrom(ShareSpaceTransition transition) {
        return Arrays.stream(ShareSpaceStatus.values()).filter(transition::movesFrom)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ShareSpaceStatus.class)));
    }

    @Test
    void eachUserAnswerMovesOnlyTheStatesItFits() {
        ShareSpaceTransition confirmed = ShareSpaceTransition.of(UserAnswer.CONFIRMED);
        assertThat(movedFrom(confirmed)).containsExactly(WAIT_USER_CONFIRM);
        assertThat(confirmed.to()).isEqualTo(WAIT_USER_ACCESS);
        assertThat(confirmed.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_USER_CONFIRMED);

        ShareSpaceTransition joined = ShareSpaceTransition.of(UserAnswer.JOINED);
        assertThat(movedFrom(joined)).containsExactly(WAIT_USER_CONFIRM, WAIT_USER_ACCESS);
        assertThat(joined.to()).isEqualTo(OPEN);
        assertThat(joined.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_OPENED);

        ShareSpaceTransition refused = ShareSpaceTransition.of(UserAnswer.REFUSED);
        assertThat(movedFrom(refused)).containsExactly(WAIT_USER_CONFIRM, WAIT_USER_ACCESS, OPEN);
        assertThat(refused.to()).isEqualTo(CLOSE);
        assertThat(refused.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_REFUSED);

        ShareSpaceTransition left = ShareSpaceTransition.of(UserAnswer.LEFT);
        assertThat(movedFrom(left)).containsExactly(OPEN);
        assertThat(left.to()).isEqualTo(CLOSE);
        assertThat(left.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_ENDED);
    }

    @Test
    void aClosedSpaceNeverMovesAndTheControlPlaneClosesAnyLiveOne() {
        for (ShareSpaceTransition transition : ShareSpaceTransition.values()) {
            assertThat(transition.movesFrom(CLOSE)).as(transition.name()).isFalse();
        }
        for (ShareSpaceTransition transition : EnumSet.of(ShareSpaceTransition.CANCELLED,
                ShareSpaceTransition.TIMED_OUT, ShareSpaceTransition.SESSION_ENDED)) {
            assertThat(movedFrom(transition)).as(transition.name()).containsExactly(WAIT_USER_CONFIRM,
                    WAIT_USER_ACCESS, OPEN);
            assertThat(transition.to()).isEqualTo(CLOSE);
        }
        assertThat(ShareSpaceTransition.CANCELLED.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_CANCELLED);
        assertThat(ShareSpaceTransition.TIMED_OUT.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_TIMED_OUT);
        assertThat(ShareSpaceTransition.SESSION_ENDED.outcome()).isEqualTo(EventType.REMOTE_ASSISTANCE_ENDED);
    }

    @Test
    void theAgentWithdrawsTheInvitationOnlyWhenTheUserDidNotCloseItAndTheSessionLives() {
        assertThat(Arrays.stream(ShareSpaceTransition.values()).filter(ShareSpaceTransition::withdrawsInvitation))
                .containsExactlyInAnyOrder(ShareSpaceTransition.CANCELLED, ShareSpaceTransition.TIMED_OUT);
    }

    @Test
    void aClosingTransitionStoresItsReasonOrTheDefaultAndAnOpeningOneNone() {
        assertThat(ShareSpaceTransition.USER_REFUSED.reason(null)).isEqualTo("the user refused remote assistance");
        assertThat(ShareSpaceTransition.USER_REFUSED.reason("busy")).isEqualTo("busy");
        assertThat(ShareSpaceTransition.USER_LEFT.reason(null)).isEqualTo("the user ended the assistance");
        assertThat(ShareSpaceTransition.SESSION_ENDED.reason(null)).isEqualTo("the user's session ended");
        assertThat(ShareSpaceTransition.CANCELLED.reason("cancelled by LOCAL\\admin"))
                .isEqualTo("cancelled by LOCAL\\admin");
        assertThat(ShareSpaceTransition.USER_CONFIRMED.reason(null)).isNull();
        assertThat(ShareSpaceTransition.USER_JOINED.reason(null)).isNull();
    }

    @Test
    void derivedIdsKeepTheBytesTheyHadBeforeServiceKit() {
        ShareSpace space = new ShareSpace("space-1", "demo", "m-1", "s-1", "finance", false, CLOSE, "123456", "n", "p",
                null, null, "ADMIN", "LOCAL\\admin", "why", Instant.EPOCH, Instant.EPOCH);
        DesktopSession session = new DesktopSession("s-1", "m-1", "finance", false, null, null,
                null, null, null, null);
        assertThat(ShareSpaceRecords.outcome(space, session, EventType.REMOTE_ASSISTANCE_ENDED, "m").eventId())
                .isEqualTo(UUID.nameUUIDFromBytes("space-1:REMOTE_ASSISTANCE_ENDED"
                        .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(ShareSpaceRecords.invitation(space, InvitationKind.WITHDRAW, null)
                .eventId()).isEqualTo(UUID.nameUUIDFromBytes("space-1:WITHDRAW"
                        .getBytes(StandardCharsets.UTF_8)).toString());
    }
}
