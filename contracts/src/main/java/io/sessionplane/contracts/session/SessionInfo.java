package io.sessionplane.contracts.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Horizon {@code SessionInfo}: the body of {@code GET /rest/inventory/v1/sessions/{id}}, field for field
 * (see seeds/horizon-rest-get-session-info.txt). {@code guid} is only present in the v2 API.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionInfo(
        String id,
        String guid,
        String accessGroupId,
        String agentVersion,
        List<String> applicationNames,
        String brokerUserId,
        Boolean brokeredRemotely,
        ClientData clientData,
        String desktopPoolId,
        Long disconnectedTime,
        String farmId,
        Long idleDuration,
        Long lastSessionDurationMs,
        String machineId,
        String rdsServerId,
        Boolean resourcedRemotely,
        SecurityGatewayData securityGatewayData,
        SessionProtocol sessionProtocol,
        SessionState sessionState,
        SessionType sessionType,
        Long startTime,
        Boolean unauthenticated,
        String userId) {

    /** The same session as the v1 API shows it (no guid). */
    public SessionInfo withoutGuid() {
        return new SessionInfo(id, null, accessGroupId, agentVersion, applicationNames, brokerUserId,
                brokeredRemotely, clientData, desktopPoolId, disconnectedTime, farmId, idleDuration,
                lastSessionDurationMs, machineId, rdsServerId, resourcedRemotely, securityGatewayData,
                sessionProtocol, sessionState, sessionType, startTime, unauthenticated, userId);
    }

    /** Sessions of another pod are managed through federated (global) privileges. */
    public boolean federated() {
        return Boolean.TRUE.equals(brokeredRemotely) || Boolean.TRUE.equals(resourcedRemotely);
    }

    /** An RDS desktop or application session runs on a farm's RDS host rather than a VDI machine. */
    public boolean onRdsHost() {
        return farmId != null || rdsServerId != null;
    }
}
