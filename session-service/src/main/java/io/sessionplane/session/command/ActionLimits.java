package io.sessionplane.session.command;

/** Bounds of one action request, shared by the request records and their validation messages. */
public final class ActionLimits {
    /** Session ids per request, local or global (all pods together). */
    public static final int MAX_IDS = 1000;
    public static final int MAX_MESSAGE_LENGTH = 1024;

    private ActionLimits() {
    }
}
