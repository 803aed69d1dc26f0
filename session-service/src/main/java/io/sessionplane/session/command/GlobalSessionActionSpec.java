package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** Horizon {@code GlobalSessionActionSpec}: the sessions of one pod. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GlobalSessionActionSpec(
        @NotBlank(message = "every entry needs a pod_id") String podId,
        @NotEmpty(message = "every entry must list at least one session id") List<@SessionId String> ids) {
}
