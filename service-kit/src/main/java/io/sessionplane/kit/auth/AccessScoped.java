package io.sessionplane.kit.auth;

/** An object whose access is decided by its own access group (or, for other pods' objects, the federated flag). */
public interface AccessScoped {
    String accessGroupId();

    boolean federated();
}
