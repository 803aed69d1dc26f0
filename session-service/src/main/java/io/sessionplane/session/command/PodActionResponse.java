package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.error.HorizonError;
import java.util.List;

/** Horizon {@code GlobalSessionActionResponse}: the result for one pod, with one item per session id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PodActionResponse(String podId, int statusCode, List<HorizonError> errors,
        List<BulkItemResponseInfo> details) {
}
