package io.sessionplane.assist.agent;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Horizon {@code WS1AssistSessionSpec}: which session to assist. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ws1AssistSessionSpec(
        @NotBlank(message = "session_id is required")
        @Size(max = Ws1AssistSessionSpec.MAX_SESSION_ID, message = "session_id is at most "
                + Ws1AssistSessionSpec.MAX_SESSION_ID + " characters")
        String sessionId) {
    /** Longer than any session id an agent reports. */
    static final int MAX_SESSION_ID = 256;
}
