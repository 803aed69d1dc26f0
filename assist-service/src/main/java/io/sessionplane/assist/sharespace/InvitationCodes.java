package io.sessionplane.assist.sharespace;

import java.security.SecureRandom;

/** Invitation codes (8 of [A-Z0-9]) and share-space ids (24 of [a-z0-9]), from a secure random source. */
public final class InvitationCodes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

    private InvitationCodes() {
    }

    public static String invitationCode() {
        return random(UPPER, 8);
    }

    public static String shareSpaceId() {
        return random(LOWER, 24);
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
