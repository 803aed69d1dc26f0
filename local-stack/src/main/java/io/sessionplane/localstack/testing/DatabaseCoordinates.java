package io.sessionplane.localstack.testing;

/** How a service reaches its own database. */
public record DatabaseCoordinates(String jdbcUrl, String reactiveUrl, String user, String password) {

    /** A database named like its user, on a server at host:port. */
    public static DatabaseCoordinates of(String host, int port, String name, String password) {
        return new DatabaseCoordinates("jdbc:postgresql://" + host + ":" + port + "/" + name,
                "postgresql://" + host + ":" + port + "/" + name, name, password);
    }
}
