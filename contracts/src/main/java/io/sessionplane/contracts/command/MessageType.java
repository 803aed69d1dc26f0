package io.sessionplane.contracts.command;

/** Message types of Session_SendMessage. */
public enum MessageType {
    INFO, WARNING, ERROR;

    /** Parses the wire value (case-sensitive as in Horizon), or returns null. */
    public static MessageType parse(String value) {
        if (value == null) {
            return null;
        }
        for (MessageType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
