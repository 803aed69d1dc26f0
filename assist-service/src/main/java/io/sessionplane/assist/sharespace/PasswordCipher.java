package io.sessionplane.assist.sharespace;

import io.sessionplane.assist.AssistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Share-space passwords: generated from a secure random source, stored AES-256-GCM encrypted. */
@ApplicationScoped
public class PasswordCipher {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int IV_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @Inject
    public PasswordCipher(AssistConfig config) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(config.passwordKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sessionplane.assist.password-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("sessionplane.assist.password-key must be 32 bytes (AES-256), base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String newPassword() {
        StringBuilder password = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] data = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + data.length).put(iv).put(data)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("password encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A rotated key cannot read old spaces; their password is then unavailable, not an error for the caller.
            return null;
        }
    }
}
