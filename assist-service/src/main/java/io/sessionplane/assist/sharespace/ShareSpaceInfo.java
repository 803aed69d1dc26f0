package io.sessionplane.assist.sharespace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Huawei "remote assistance data" of a desktop; failed_reason is present (null) while nothing failed. The invitation
 * code, password and links are null for a reader who may see the space but not assist on its desktop.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShareSpaceInfo(String shareSpaceId, String invitationCode, String shareSpaceName, String shareSpacePasswd,
        String privateShareLink, String internetShareLink, String createTime, ShareSpaceStatus status,
        String failedReason) {
    static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The space as a reader sees it: {@code withSecrets} false leaves out what would let them join it. */
    static ShareSpaceInfo of(ShareSpace space, String password, boolean withSecrets) {
        return new ShareSpaceInfo(space.id(), withSecrets ? space.invitationCode() : null, space.name(),
                withSecrets ? password : null, withSecrets ? space.privateShareLink() : null,
                withSecrets ? space.internetShareLink() : null, CREATE_TIME.format(space.createTime()), space.status(),
                space.failedReason());
    }
}
