package io.sessionplane.session.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.session.SessionState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the event stream remembers of one session (its state store, backed by a changelog topic): the last sequence
 * number given out, the last state the agent reported (to tell a disconnect from an end) and the names its events
 * are told with.
 *
 * @param state      the last reported state; null once the session ended or before the agent reported it
 * @param observedAt the agent's observed_at of the last applied snapshot or tombstone (older ones are late)
 * @param endedAt    when the session ended (the entry is purged a while after), or 0 while it lives
 * @param recent     the ids of the last {@value #RECENT} commands and outcomes told (command id, event id): the same
 *                   record again (a client's retry with its Idempotency-Key, an agent's or the share-space relay's
 *                   resend) is told once
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineState(
        long sequence,
        SessionState state,
        long observedAt,
        long endedAt,
        String accessGroupId,
        boolean federated,
        String podId,
        String userId,
        String userName,
        String machineId,
        String machineName,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        List<String> recent) {
    /** Resends come soon after the original, so a few ids per session are enough (each costs the changelog). */
    static final int RECENT = 8;

    static TimelineState unknown() {
        return new TimelineState(0, null, 0, 0, null, false, null, null, null, null, null, null, null, null, null);
    }

    TimelineState withSequence(long next) {
        return new TimelineState(next, state, observedAt, endedAt, accessGroupId, federated, podId, userId, userName,
                machineId, machineName, machineDnsName, desktopPoolName, applicationPoolName, recent);
    }

    TimelineState ended(long at) {
        return new TimelineState(sequence, null, at, at, accessGroupId, federated, podId, userId, userName, machineId,
                machineName, machineDnsName, desktopPoolName, applicationPoolName, recent);
    }

    /** Whether a command or outcome with this id was told already. */
    boolean told(String id) {
        return id != null && recent != null && recent.contains(id);
    }

    /** This state, remembering that the command or outcome with this id is told now. */
    TimelineState telling(String id) {
        if (id == null) {
            return this;
        }
        List<String> ids = new ArrayList<>(recent == null ? List.of() : recent);
        ids.add(id);
        while (ids.size() > RECENT) {
            ids.remove(0);
        }
        return new TimelineState(sequence, state, observedAt, endedAt, accessGroupId, federated, podId, userId,
                userName, machineId, machineName, machineDnsName, desktopPoolName, applicationPoolName, List.copyOf(ids));
    }

    /** Fills what the state does not know yet from a command or outcome (a session first heard of that way). */
    TimelineState orFrom(String group, boolean isFederated, String pod, String user, String name, String machine,
            String dnsName, String desktopPool, String applicationPool) {
        return new TimelineState(sequence, state, observedAt, endedAt, first(accessGroupId, group),
                federated || isFederated, first(podId, pod), first(userId, user), first(userName, name),
                first(machineId, machine), machineName, first(machineDnsName, dnsName),
                first(desktopPoolName, desktopPool), first(applicationPoolName, applicationPool), recent);
    }

    private static String first(String known, String other) {
        return known != null ? known : other;
    }
}
