package io.sessionplane.contracts.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Display names the agent knows about a session. SessionInfo carries ids only; audit records and the
 * SOAP-style local summary need the names too.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionNames(
        String userName,
        String machineName,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        String farmName,
        String accessGroupName) {
}
