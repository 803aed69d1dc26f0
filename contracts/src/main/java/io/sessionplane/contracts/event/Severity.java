package io.sessionplane.contracts.event;

/** Horizon AuditEventSummary severities. */
public enum Severity {
    INFO, WARNING, ERROR, AUDIT_SUCCESS, AUDIT_FAIL, UNKNOWN
}
