package io.sessionplane.simulator.fleet;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import java.util.List;

/**
 * One simulated user session and the agent that reports on it. Identity fields are fixed at login; state fields
 * change through commands and churn. Guarded by the {@link Fleet}'s lock.
 */
public final class SimSession {
    // identity
    final String id;
    final String guid;
    final String accessGroupId;
    final String accessGroupName;
    final SessionType type;
    final String podId;
    final String brokeringPodId;
    final boolean vcenterManaged;
    final String userId;
    final String userName;
    final String machineId;
    final String machineName;
    final String desktopPoolId;
    final String desktopPoolName;
    final String farmId;
    final String farmName;
    final String rdsServerId;
    final List<String> applicationNames;
    final String applicationPoolName;
    final ClientData client;
    final SecurityGatewayData gateway;
    final String agentVersion;
    final long startTime;
    final AgentFacts assistFacts;
    /** How this desktop's user answers share-space invitations (mixed mode). */
    final String invitationAnswer;

    // state
    SessionState state;
    /** The protocol of the user's connection; the snapshot shows it only while connected. */
    final SessionProtocol protocol;
    boolean locked;
    Long disconnectedTime;
    long connectedSince;
    long lastSessionDurationMs;
    long idleMinutes;

    SimSession(Builder b) {
        this.id = b.id;
        this.guid = b.guid;
        this.accessGroupId = b.accessGroupId;
        this.accessGroupName = b.accessGroupName;
        this.type = b.type;
        this.podId = b.podId;
        this.brokeringPodId = b.brokeringPodId;
        this.vcenterManaged = b.vcenterManaged;
        this.userId = b.userId;
        this.userName = b.userName;
        this.machineId = b.machineId;
        this.machineName = b.machineName;
        this.desktopPoolId = b.desktopPoolId;
        this.desktopPoolName = b.desktopPoolName;
        this.farmId = b.farmId;
        this.farmName = b.farmName;
        this.rdsServerId = b.rdsServerId;
        this.applicationNames = b.applicationNames;
        this.applicationPoolName = b.applicationPoolName;
        this.client = b.client;
        this.gateway = b.gateway;
        this.agentVersion = b.agentVersion;
        this.startTime = b.startTime;
        this.assistFacts = b.assistFacts;
        this.invitationAnswer = b.invitationAnswer;
        this.state = b.state;
        this.protocol = b.protocol;
        this.locked = b.locked;
        this.disconnectedTime = b.disconnectedTime;
        this.connectedSince = b.connectedSince;
        this.lastSessionDurationMs = b.lastSessionDurationMs;
        this.idleMinutes = b.idleMinutes;
    }

    public String id() {
        return id;
    }

    public String machineId() {
        return machineId;
    }

    public String podId() {
        return podId;
    }

    public SessionState state() {
        return state;
    }

    public boolean federated(String localPod) {
        return !localPod.equals(podId) || !localPod.equals(brokeringPodId);
    }

    public String invitationAnswer() {
        return invitationAnswer;
    }

    public AgentFacts assistFacts() {
        return assistFacts;
    }

    public SessionNames names() {
        return new SessionNames(userName, machineName != null ? machineName : rdsServerId,
                machineName != null ? machineName.toLowerCase() + ".corp.example.com" : null, desktopPoolName,
                applicationPoolName, farmName, accessGroupName);
    }

    /** The agent's report as of {@code now}. */
    public SessionSnapshot snapshot(String localPod, long now) {
        long duration = state == SessionState.CONNECTED ? now - connectedSince : lastSessionDurationMs;
        SessionInfo info = new SessionInfo(id, guid, accessGroupId, agentVersion,
                type == SessionType.APPLICATION ? applicationNames : null, userId, !localPod.equals(brokeringPodId),
                client, desktopPoolId, disconnectedTime, farmId, idleMinutes, duration, machineId, rdsServerId,
                !localPod.equals(podId), gateway, state == SessionState.CONNECTED ? protocol : null, state, type, startTime,
                false, userId);
        return new SessionSnapshot(info, podId, brokeringPodId, locked, vcenterManaged, names(), now);
    }

    /** Mutable fields for generation; identity is fixed once built. */
    static final class Builder {
        String id;
        String guid;
        String accessGroupId;
        String accessGroupName;
        SessionType type;
        boolean rdsHost;
        String podId;
        String brokeringPodId;
        boolean vcenterManaged;
        String userId;
        String userName;
        String machineId;
        String machineName;
        String desktopPoolId;
        String desktopPoolName;
        String farmId;
        String farmName;
        String rdsServerId;
        List<String> applicationNames;
        String applicationPoolName;
        ClientData client;
        SecurityGatewayData gateway;
        String agentVersion;
        long startTime;
        AgentFacts assistFacts;
        String invitationAnswer;
        SessionState state;
        SessionProtocol protocol;
        boolean locked;
        Long disconnectedTime;
        long connectedSince;
        long lastSessionDurationMs;
        long idleMinutes;

        SimSession build() {
            return new SimSession(this);
        }
    }
}
