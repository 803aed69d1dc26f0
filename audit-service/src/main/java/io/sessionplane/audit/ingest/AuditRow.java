package io.sessionplane.audit.ingest;

/** One audit record as it is inserted; {@code payload} is the event JSON as received. */
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
        String requestedBy,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        long receivedAt,
        String payload) {
}
