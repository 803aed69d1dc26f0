package io.sessionplane.kit.auth;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.kit.error.ApiException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The object-level checks every endpoint shares, decided from the object's own access group, never from "holds the
 * privilege somewhere": 404 unless it exists, 403 unless the caller may view it, 403 unless the caller may act on it.
 * The refusals carry only what the caller sent (an id), nothing of the object.
 */
public final class ObjectAccess {
    private ObjectAccess() {
    }

    /** The object, when it exists and the caller holds a view privilege on its group. */
    public static <T extends AccessScoped> T requireViewable(Caller caller, Optional<T> found,
            Supplier<ApiException> notFound, String forbidden) {
        T object = found.orElseThrow(notFound);
        if (!caller.mayView(object.accessGroupId(), object.federated())) {
            throw ApiException.forbidden(forbidden);
        }
        return object;
    }

    /** The object, when the caller holds one of {@code localAnyOf} on its group (or the federated privilege). */
    public static <T extends AccessScoped> T requirePermitted(Caller caller, T object, Collection<Privilege> localAnyOf,
            Privilege federatedPrivilege, String forbidden) {
        if (!caller.mayActOn(object.accessGroupId(), object.federated(), localAnyOf, federatedPrivilege)) {
            throw ApiException.forbidden(forbidden);
        }
        return object;
    }
}
