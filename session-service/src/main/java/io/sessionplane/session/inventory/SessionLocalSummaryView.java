package io.sessionplane.session.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import java.util.List;

/**
 * The SOAP {@code SessionLocalSummaryView} (names, references and session data) for scripts ported from the SOAP
 * API's Session_GetLocalSummaryView; field names follow the SOAP ones in snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionLocalSummaryView(String id, NamesData namesData, ReferenceData referenceData,
        SessionData sessionData) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NamesData(String userName, String machineOrRdsServerName, String machineOrRdsServerDns,
            String desktopName, String applicationPoolName, List<String> applicationNames, String farmName,
            String accessGroupName, String clientName, String clientAddress, String clientType, String clientVersion,
            String clientLocationId, String securityGatewayDns, String securityGatewayAddress,
            String securityGatewayLocation, String agentVersion) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferenceData(String user, String machine, String rdsServer, String desktop, String farm,
            String accessGroup, String pod, String brokeringPod) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionData(String sessionType, String sessionState, Long startTime, Long disconnectTime,
            Long lastSessionDurationMs, String sessionProtocol, Long idleDuration, Boolean locked,
            Boolean unauthenticated, Boolean resourcedRemotely, Boolean brokeredRemotely) {
    }

    public static SessionLocalSummaryView of(SessionSnapshot snapshot) {
        SessionInfo s = snapshot.session();
        SessionNames n = snapshot.names() != null ? snapshot.names()
                : new SessionNames(null, null, null, null, null, null, null);
        ClientData c = s.clientData() != null ? s.clientData() : new ClientData(null, null, null, null, null);
        SecurityGatewayData g = s.securityGatewayData() != null ? s.securityGatewayData()
                : new SecurityGatewayData(null, null, null);
        return new SessionLocalSummaryView(s.id(),
                new NamesData(n.userName(), n.machineName(), n.machineDnsName(), n.desktopPoolName(),
                        n.applicationPoolName(), s.applicationNames(), n.farmName(), n.accessGroupName(), c.name(),
                        c.address(), c.type(), c.version(), c.locationId(), g.domainName(), g.address(), g.location(),
                        s.agentVersion()),
                new ReferenceData(s.userId(), s.machineId(), s.rdsServerId(), s.desktopPoolId(), s.farmId(),
                        s.accessGroupId(), snapshot.podId(), snapshot.brokeringPodId()),
                new SessionData(name(s.sessionType()), name(s.sessionState()), s.startTime(), s.disconnectedTime(),
                        s.lastSessionDurationMs(), name(s.sessionProtocol()), s.idleDuration(), snapshot.locked(),
                        s.unauthenticated(), s.resourcedRemotely(), s.brokeredRemotely()));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
