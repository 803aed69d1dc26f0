package io.sessionplane.kit.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Ids derived from what they identify, so that doing the same thing twice (a retry, a redelivery) yields the same
 * id and dedupes downstream; and the SHA-256 hex digests used to store secrets and fingerprints.
 */
public final class DerivedIds {
    private DerivedIds() {
    }

    /** A name-based UUID of the parts, joined by newlines (no part may make two lists collide: parts have no \n). */
    public static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** SHA-256 of the text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
