package io.sessionplane.contracts.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * assist-service → desktop agent, on {@code assist.invitations.v1} keyed by session id. The share-space
 * password never travels on Kafka.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareSpaceInvitation(
        String eventId,
        InvitationKind kind,
        String shareSpaceId,
        String projectId,
        String desktopId,
        String sessionId,
        String invitationCode,
        String shareSpaceName,
        String requestedBy,
        String reason,
        long time) {
}
