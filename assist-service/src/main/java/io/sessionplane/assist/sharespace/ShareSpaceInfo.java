package io.sessionplane.assist.sharespace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.assist.ShareSpaceStatus;

/** Huawei "remote assistance data" of a desktop; failed_reason is present (null) while nothing failed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShareSpaceInfo(String shareSpaceId, String invitationCode, String shareSpaceName, String shareSpacePasswd,
        String privateShareLink, String internetShareLink, String createTime, ShareSpaceStatus status,
        String failedReason) {
}
