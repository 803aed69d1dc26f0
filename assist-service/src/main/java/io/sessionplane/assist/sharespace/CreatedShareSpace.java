package io.sessionplane.assist.sharespace;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.assist.ShareSpaceStatus;

/** Answer to creating a share space. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatedShareSpace(String shareSpaceId, ShareSpaceStatus status, String desktopId, String initiatorType) {
}
