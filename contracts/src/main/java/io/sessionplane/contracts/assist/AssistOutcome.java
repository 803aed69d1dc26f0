package io.sessionplane.contracts.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;

/**
 * An assist-service outcome on {@code assist.outcomes.v1}, keyed by session id: a WS1 Assist agent-id
 * lookup or a share-space transition.
 *
 * @param status        the share space's new status; null for agent-id lookups
 * @param failedReason  why the share space closed, when it did
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssistOutcome(
        String eventId,
        EventType eventType,
        String sessionId,
        String machineId,
        String shareSpaceId,
        String projectId,
        ShareSpaceStatus status,
        String failedReason,
        Severity severity,
        String message,
        long time,
        String requestedBy,
        String userId,
        String userName,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName) {
}
