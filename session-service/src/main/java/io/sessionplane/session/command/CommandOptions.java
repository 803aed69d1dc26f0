package io.sessionplane.session.command;

import io.sessionplane.contracts.command.MessageType;

/**
 * What an action carries besides the session ids: {@code forced} for logoff, the text for send-message, and the job
 * that sends it (null when an operator sends it directly).
 */
public record CommandOptions(Boolean forced, String message, MessageType messageType, String jobId) {

    public CommandOptions(Boolean forced, String message, MessageType messageType) {
        this(forced, message, messageType, null);
    }

    /** The same options, sent by a job. */
    public CommandOptions byJob(String job) {
        return new CommandOptions(forced, message, messageType, job);
    }
}
