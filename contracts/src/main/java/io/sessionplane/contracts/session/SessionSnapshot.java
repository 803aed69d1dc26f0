package io.sessionplane.contracts.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What an agent publishes to {@code session.inventory.v1} (compacted, keyed by session id) whenever a
 * session changes. A tombstone (null value) for the key means the session is gone (logged off).
 *
 * @param session        the Horizon view of the session, including {@code guid}
 * @param podId          pod whose machine runs the session
 * @param brokeringPodId pod that brokered the session
 * @param locked         the user's desktop is locked; a normal log off is refused
 * @param vcenterManaged the machine is managed by vCenter, so it can be reset or restarted
 * @param names          display names for audit records and the local summary
 * @param observedAt     agent clock (epoch ms) when this snapshot was taken; newer wins
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSnapshot(
        SessionInfo session,
        String podId,
        String brokeringPodId,
        boolean locked,
        boolean vcenterManaged,
        SessionNames names,
        long observedAt) {
}
