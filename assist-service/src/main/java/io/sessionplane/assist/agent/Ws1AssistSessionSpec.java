package io.sessionplane.assist.agent;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Horizon {@code WS1AssistSessionSpec}: which session to assist. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ws1AssistSessionSpec(String sessionId) {
}
