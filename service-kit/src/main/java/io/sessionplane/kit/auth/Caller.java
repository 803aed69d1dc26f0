package io.sessionplane.kit.auth;

import io.sessionplane.contracts.auth.Privilege;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authenticated operator and what the token lets them do. Privileges per access group are already expanded to
 * descendant groups by the issuer, so a check is a lookup.
 *
 * @param name                 {@code DOMAIN\\user}
 * @param accessGroupPrivileges access group id → privileges held on it
 * @param federatedPrivileges  privileges over sessions of other pods
 * @param projects             share-space projects the caller may use
 */
public record Caller(String name, String domain, Map<String, Set<Privilege>> accessGroupPrivileges,
        Set<Privilege> federatedPrivileges, Set<String> projects) {

    public Caller {
        accessGroupPrivileges = Map.copyOf(accessGroupPrivileges);
        federatedPrivileges = Set.copyOf(federatedPrivileges);
        projects = Set.copyOf(projects);
    }

    /** Holds at least one of {@code anyOf} on the access group. */
    public boolean holdsOn(String accessGroupId, Collection<Privilege> anyOf) {
        if (accessGroupId == null) {
            return false;
        }
        Set<Privilege> held = accessGroupPrivileges.get(accessGroupId);
        return held != null && anyOf.stream().anyMatch(held::contains);
    }

    public boolean holdsFederated(Privilege privilege) {
        return federatedPrivileges.contains(privilege);
    }

    /** Holds one of {@code anyOf} on some access group, or as a federated privilege. */
    public boolean holdsAnywhere(Collection<Privilege> anyOf) {
        return anyOf.stream().anyMatch(federatedPrivileges::contains)
                || accessGroupPrivileges.values().stream().anyMatch(held -> anyOf.stream().anyMatch(held::contains));
    }

    /** The access groups on which the caller holds one of {@code anyOf}; for visibility predicates in SQL. */
    public Set<String> accessGroupsWith(Collection<Privilege> anyOf) {
        return accessGroupPrivileges.entrySet().stream()
                .filter(entry -> anyOf.stream().anyMatch(entry.getValue()::contains))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The action rule of the design doc: a session of this pod needs one of the local privileges on its access
     * group; a session of another pod (federated) needs the federated privilege.
     */
    public boolean mayActOn(String accessGroupId, boolean federated, Collection<Privilege> localAnyOf,
            Privilege federatedPrivilege) {
        return federated ? holdsFederated(federatedPrivilege) : holdsOn(accessGroupId, localAnyOf);
    }

    /** View rule: MACHINE_VIEW or POOL_VIEW locally, FEDERATED_SESSIONS_VIEW for other pods' sessions. */
    public boolean mayView(String accessGroupId, boolean federated) {
        return mayActOn(accessGroupId, federated, VIEW_PRIVILEGES, Privilege.FEDERATED_SESSIONS_VIEW);
    }

    public static final Set<Privilege> VIEW_PRIVILEGES = Set.of(Privilege.MACHINE_VIEW, Privilege.POOL_VIEW);
}
