package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Horizon {@code GlobalSessionActionSpec}: the sessions of one pod. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GlobalSessionActionSpec(String podId, List<String> ids) {
}
