package io.sessionplane.contracts.command;

/** Lifecycle of a command as session-service reports it. */
public enum CommandStatus {
    /** On Kafka, acknowledged by the broker; no outcome yet. */
    ACCEPTED,
    /** The agent executed a local command. */
    SUCCEEDED,
    /** The agent refused or failed a local command. */
    FAILED,
    /** A federated command was forwarded to the owning pod. */
    REQUEST_SENT,
    /** A federated command could not be forwarded. */
    REQUEST_SEND_FAILED;
}
