package io.sessionplane.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Horizon {@code AuditEventSummary} plus SessionPlane's correlation fields and the access group (and federated flag)
 * that decides who reads the record; {@code payload} (the event as received) only on a single-event read.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventSummary(
        long id,
        String machineId,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        String message,
        String module,
        String severity,
        long time,
        String type,
        String userId,
        String eventId,
        String sessionId,
        String commandId,
        String shareSpaceId,
        String jobId,
        String requestedBy,
        String accessGroupId,
        Boolean federated,
        @JsonRawValue String payload) {
}
