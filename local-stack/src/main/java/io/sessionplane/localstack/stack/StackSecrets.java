package io.sessionplane.localstack.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's database passwords and share-space password key: generated on first start into the data
 * directory (owner-only), reused afterwards, never in the repository.
 */
public final class StackSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Properties values = new Properties();

    private StackSecrets() {
    }

    public static StackSecrets in(Path dataDir) {
        Path file = dataDir.resolve("secrets.properties");
        StackSecrets secrets = new StackSecrets();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    secrets.values.load(in);
                }
            }
            boolean changed = false;
            for (String database : new String[] {"sessions", "assist", "audit"}) {
                changed |= secrets.values.putIfAbsent(database + ".db.password", random(18)) == null;
            }
            changed |= secrets.values.putIfAbsent("assist.password.key", random(32)) == null;
            if (changed) {
                Files.createDirectories(dataDir);
                try (Writer out = Files.newBufferedWriter(file)) {
                    secrets.values.store(out, "SessionPlane local stack secrets (generated; do not commit)");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    public String databasePassword(String database) {
        return values.getProperty(database + ".db.password");
    }

    /** Base64 of 32 random bytes. */
    public String assistPasswordKey() {
        return values.getProperty("assist.password.key");
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
