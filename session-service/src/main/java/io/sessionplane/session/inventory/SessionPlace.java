package io.sessionplane.session.inventory;

/** Where a session lives, as far as who may act on it is concerned (what a job's target resolves to). */
public record SessionPlace(String id, String podId, String accessGroupId, boolean federated) {
}
