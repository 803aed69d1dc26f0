package io.sessionplane.contracts.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Horizon {@code SessionSecurityGatewayData}: the gateway the session is tunnelled through. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecurityGatewayData(String address, String domainName, String location) {
}
