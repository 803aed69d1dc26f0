package io.sessionplane.assist.sharespace;

import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.kit.auth.AccessScoped;
import java.time.Instant;

/**
 * A collaborative share space for remote assistance on one desktop, as stored in {@code share_space}. The access
 * group and federated flag are those of the desktop's session at creation: they decide who may see the space. The
 * password is held only encrypted, and {@link #toString()} names neither it nor the invitation code.
 */
public record ShareSpace(String id, String projectId, String desktopId, String sessionId, String accessGroupId,
        boolean federated, ShareSpaceStatus status, String invitationCode, String name, String encryptedPassword,
        String privateShareLink, String internetShareLink, String initiatorType, String requestedBy,
        String failedReason, Instant createTime, Instant statusChangedAt) implements AccessScoped {

    /** The space moved to {@code to} at {@code at}; a close records why, other moves keep the reason as it was. */
    public ShareSpace movedTo(ShareSpaceStatus to, Instant at, String closeReason) {
        return new ShareSpace(id, projectId, desktopId, sessionId, accessGroupId, federated, to, invitationCode, name,
                encryptedPassword, privateShareLink, internetShareLink, initiatorType, requestedBy,
                to == ShareSpaceStatus.CLOSE ? closeReason : failedReason, createTime, at);
    }

    @Override
    public String toString() {
        return "ShareSpace[" + id + ", desktop " + desktopId + ", " + status + "]";
    }
}
