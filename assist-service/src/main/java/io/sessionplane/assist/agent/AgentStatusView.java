package io.sessionplane.assist.agent;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Horizon {@code WS1AssistAgentStatus}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentStatusView(int statusCode, Ws1AssistStatus status) {
}
