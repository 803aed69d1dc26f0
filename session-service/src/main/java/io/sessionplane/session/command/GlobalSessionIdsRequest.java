package io.sessionplane.session.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of a global disconnect, logoff, reset or restart: {@code [{pod_id, ids}]}. */
public record GlobalSessionIdsRequest(
        @NotEmpty(message = "at least one {pod_id, ids} entry is required")
        List<@NotNull(message = "every entry needs a pod_id") @Valid GlobalSessionActionSpec> specs) {
}
