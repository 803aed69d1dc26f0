package io.sessionplane.assist.sharespace;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A collaborative share space for remote assistance on one desktop. The password is held only encrypted; nothing
 * here prints it (no toString of fields).
 */
@Entity
@Table(name = "share_space")
public class ShareSpace extends PanacheEntityBase {
    @Id
    @Column(name = "share_space_id")
    public String id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "desktop_id")
    public String desktopId;

    @Column(name = "session_id")
    public String sessionId;

    /** The access group of the desktop's session when the space was created: it decides who may see the space. */
    @Column(name = "access_group_id")
    public String accessGroupId;

    /** Whether that session belongs to another pod (federated privileges apply). */
    public boolean federated;

    @Enumerated(EnumType.STRING)
    public ShareSpaceStatus status;

    @Column(name = "invitation_code")
    public String invitationCode;

    @Column(name = "share_space_name")
    public String name;

    @Column(name = "passwd_encrypted")
    public String encryptedPassword;

    @Column(name = "private_share_link")
    public String privateShareLink;

    @Column(name = "internet_share_link")
    public String internetShareLink;

    @Column(name = "initiator_type")
    public String initiatorType;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "failed_reason")
    public String failedReason;

    @Column(name = "create_time")
    public Instant createTime;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Override
    public String toString() {
        return "ShareSpace[" + id + ", desktop " + desktopId + ", " + status + "]";
    }
}
