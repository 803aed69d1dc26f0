package io.sessionplane.contracts.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Desktop agent → assist-service on {@code assist.responses.v1}, keyed by session id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareSpaceResponse(
        String eventId,
        String shareSpaceId,
        String desktopId,
        String sessionId,
        UserAnswer answer,
        String reason,
        long time) {
}
