package io.sessionplane.session.command;

import io.sessionplane.contracts.command.MessageType;

/** What an action carries besides the session ids: {@code forced} for logoff, the text for send-message. */
public record CommandOptions(Boolean forced, String message, MessageType messageType) {
}
