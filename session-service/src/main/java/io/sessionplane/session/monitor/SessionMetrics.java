package io.sessionplane.session.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Horizon {@code SessionMetrics} ({@code GET /rest/monitor/v1/sessions/metrics}): counts of the local sessions the
 * caller may view, by kind and state, client type, gateway and protocol.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionMetrics(
        StateCounts applicationSessionMetrics,
        ClientCounts clientMetrics,
        StateCounts desktopSessionMetrics,
        GatewayCounts gatewayMetrics,
        long numSessions,
        long numUsers,
        ProtocolCounts protocolMetrics,
        StateCounts rdsSessionMetrics) {

    /** Horizon {@code SessionStateMetrics}: active (connected, not idle), idle (connected, idle), disconnected, pending. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StateCounts(long numActiveSessions, long numDisconnectedSessions, long numIdleSessions,
            long numPendingSessions) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClientCounts(long numAndroidClients, long numBrowserClients, long numIosClients,
            long numLinuxClients, long numMacClients, long numOtherClients, long numWindowsClients) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GatewayCounts(long numExternalGateways, long numInternalGateways, long numUnknownGateways) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProtocolCounts(long numBlastSessions, long numOtherProtocols, long numPcoipSessions,
            long numRdpSessions) {
    }
}
