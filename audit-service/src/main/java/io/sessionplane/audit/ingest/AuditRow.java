package io.sessionplane.audit.ingest;

/**
 * One audit record as it is inserted; {@code payload} is the event JSON as received. {@code accessGroupId} and
 * {@code federated} are null when the record does not say (session and assist outcomes): the INSERT then takes the
 * latest group known for the session ({@link AuditStore}). {@code jobId}: the session job that caused it, if any.
 */
public record AuditRow(
        String eventId,
        String type,
        String severity,
        String module,
        String message,
        long time,
        String userId,
        String machineId,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        String sessionId,
        String commandId,
        String shareSpaceId,
        String jobId,
        String requestedBy,
        String accessGroupId,
        Boolean federated,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        long receivedAt,
        String payload) {
}
