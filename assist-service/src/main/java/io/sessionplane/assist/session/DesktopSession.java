package io.sessionplane.assist.session;

import io.sessionplane.kit.auth.AccessScoped;

/** What assist-service knows of a user session (from the inventory topic). */
public record DesktopSession(String sessionId, String machineId, String accessGroupId, boolean federated,
        String sessionState, String userId, String userName, String machineDnsName, String desktopPoolName,
        String applicationPoolName) implements AccessScoped {
}
