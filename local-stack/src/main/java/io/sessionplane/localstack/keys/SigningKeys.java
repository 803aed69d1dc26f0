package io.sessionplane.localstack.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The token signing key pair of a local stack or test run: generated on first use into a data directory, never
 * committed. session-service signs with the private key; every service verifies with the public key.
 */
public final class SigningKeys {
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final Path privateKey;
    private final Path publicKey;

    private SigningKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the pair from dir, generating an RSA-2048 pair there first if it does not exist. */
    public static SigningKeys inDirectory(Path dir) {
        Path privatePath = dir.resolve(PRIVATE_KEY_FILE);
        Path publicPath = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
            generate(dir, privatePath, publicPath);
        }
        return new SigningKeys(privatePath, publicPath);
    }

    private static synchronized void generate(Path dir, Path privatePath, Path publicPath) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(publicPath, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privatePath, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(privatePath, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public Path privateKeyFile() {
        return privateKey;
    }

    public Path publicKeyFile() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        try {
            String body = Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A different key pair, to forge tokens that must be refused. */
    public static PrivateKey foreignPrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
