package io.sessionplane.localstack.testing;

/** How a service reaches its own database. */
public record DatabaseCoordinates(String jdbcUrl, String reactiveUrl, String user, String password) {
}
