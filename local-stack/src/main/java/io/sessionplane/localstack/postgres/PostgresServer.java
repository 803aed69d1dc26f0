package io.sessionplane.localstack.postgres;

import io.sessionplane.localstack.Ports;
import io.sessionplane.localstack.ProcessSignals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (no Docker, no root setup: as root the
 * library runs initdb and pg_ctl in a user namespace). Data is kept in {@code dataDir} across restarts.
 */
public final class PostgresServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    public static final String SUPERUSER = "postgres";
    /** Extra server settings of the embedded server: {@link #extraSettings}. */
    public static final String SETTINGS_VARIABLE = "SESSIONPLANE_POSTGRES_SETTINGS";

    /** Whether the server keeps what it acknowledges: the local stack's is, the tests' one may trade that for speed. */
    public enum Durability {
        /** {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on: a commit survives a crash. */
        DURABLE,
        /**
         * The embedded binaries' defaults (all three off): a commit can be lost when PostgreSQL or the machine crashes.
         * For test servers that are thrown away after the run.
         */
        FAST
    }

    private final Path dataDir;
    private final int port;
    private final Durability durability;
    private EmbeddedPostgres postgres;

    public PostgresServer(Path dataDir, int port, Durability durability) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = Ports.orFree(port);
        this.durability = durability;
    }

    public int port() {
        return port;
    }

    public synchronized PostgresServer start() {
        if (postgres != null) {
            return this;
        }
        if (Ports.inUse(port)) {
            throw new IllegalStateException("port " + port + " is already in use; is another PostgreSQL running?");
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", onOff(durability == Durability.DURABLE))
                    .setServerConfig("synchronous_commit", onOff(durability == Durability.DURABLE))
                    .setServerConfig("full_page_writes", onOff(durability == Durability.DURABLE));
            extraSettings(System.getenv().getOrDefault(SETTINGS_VARIABLE, "")).forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
        LOG.log(System.Logger.Level.INFO, "PostgreSQL ready on port {0} ({1})", Integer.toString(port),
                durability == Durability.DURABLE ? "durable" : "not durable: fsync and synchronous_commit off");
        return this;
    }

    /**
     * Further server settings, {@code name=value} separated by semicolons (a value may hold commas, as a list of
     * libraries does; a profile: {@code shared_preload_libraries=pg_stat_statements}). They are applied after, and so
     * win over, the ones above, in every embedded server this process starts: the local stack's, the tests' and the
     * benchmarks'.
     */
    static Map<String, String> extraSettings(String spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(SETTINGS_VARIABLE + ": expected name=value, got '" + entry.trim()
                        + "'");
            }
            settings.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return settings;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** The postmaster's pid (first line of postmaster.pid), while it runs. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL is not running in " + dataDir, e);
        }
    }

    /** Creates the role and the database it owns, unless they exist; the password is (re)set every time. */
    public void ensureDatabase(String database, String user, String password) {
        ensureDatabase(jdbcUrl("postgres"), SUPERUSER, "", database, user, password);
    }

    /** Same, on any server reachable with superuser credentials (e.g. an external or container PostgreSQL). */
    public static void ensureDatabase(String adminJdbcUrl, String adminUser, String adminPassword, String database,
            String user, String password) {
        if (!database.matches("[a-z][a-z0-9_]*") || !user.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database and user names must be simple identifiers");
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, adminUser, adminPassword);
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                statement.execute("CREATE ROLE " + user + " LOGIN");
            }
            // ALTER ROLE cannot take a bind parameter; the password is quoted as a literal.
            statement.execute("ALTER ROLE " + user + " WITH LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                statement.execute("CREATE DATABASE " + database + " OWNER " + user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A crash: SIGKILL to the postmaster and every backend, nothing flushed beyond what PostgreSQL already made
     * durable. {@link #start()} then recovers from its write-ahead log, as after a power cut.
     */
    public synchronized void kill() {
        if (postgres != null) {
            long pid = pid();
            ProcessSignals.kill(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            try {
                // Releases what the embedded wrapper holds (its data-directory lock); the server is gone already.
                postgres.close();
            } catch (IOException | RuntimeException ignored) {
                // pg_ctl finds no server to stop: expected after a kill
            }
            postgres = null;
        }
    }

    /** Fast shutdown; the data stays for the next start. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "PostgreSQL did not stop cleanly: {0}", e.getMessage());
            }
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
