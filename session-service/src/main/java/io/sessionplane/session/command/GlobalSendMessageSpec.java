package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Horizon {@code GlobalSessionSendMessageSpec}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GlobalSendMessageSpec(
        @NotEmpty(message = "at least one {pod_id, ids} entry is required")
        List<@NotNull(message = "every entry needs a pod_id") @Valid GlobalSessionActionSpec> globalSessionActionSpecs,
        @MessageText String message,
        @MessageTypeName String messageType) {
}
