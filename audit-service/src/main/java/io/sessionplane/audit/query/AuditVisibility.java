package io.sessionplane.audit.query;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.kit.auth.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which audit records a caller may read, decided per record from the record's own access group (its session's),
 * never from "holds the privilege somewhere", and pushed into the query ({@link #PREDICATE}) so paging counts only
 * visible records:
 * <ul>
 * <li>a record of this pod's session: the audit privilege on its access group (grants are expanded to descendant
 * groups in the token, so a grant on Finance covers Finance's records and a grant on Root covers all);</li>
 * <li>a record without a group (control-plane records without a session, records from before groups were stored,
 * a session whose group was never told): the audit privilege on the root group;</li>
 * <li>a record of another pod's session (federated; its group belongs to that pod's tree, which no grant here names):
 * FEDERATED_SESSIONS_VIEW plus the audit privilege on the root group.</li>
 * </ul>
 *
 * @param groups    the access groups on which the caller holds the audit privilege
 * @param federated the caller may read other pods' records
 * @param ungrouped the caller may read records without a group
 */
public record AuditVisibility(Set<String> groups, boolean federated, boolean ungrouped) {
    /** The visibility condition on audit_event, with named parameters bound by {@link #parameters()}. */
    static final String PREDICATE = "((NOT federated AND access_group_id = ANY(#{visible_groups}))"
            + " OR (federated AND #{visible_federated})"
            + " OR (NOT federated AND access_group_id IS NULL AND #{visible_ungrouped}))";

    public AuditVisibility {
        groups = Set.copyOf(groups);
    }

    public static AuditVisibility of(Caller caller, Privilege auditPrivilege, String rootAccessGroup) {
        Set<String> groups = caller.accessGroupsWith(List.of(auditPrivilege));
        boolean onRoot = groups.contains(rootAccessGroup);
        return new AuditVisibility(groups, onRoot && caller.holdsFederated(Privilege.FEDERATED_SESSIONS_VIEW),
                onRoot);
    }

    /** The caller holds the audit privilege on no group at all: every record is hidden (answered 403). */
    public boolean nothing() {
        return groups.isEmpty();
    }

    Map<String, Object> parameters() {
        return Map.of("visible_groups", groups.toArray(String[]::new), "visible_federated", federated,
                "visible_ungrouped", ungrouped);
    }
}
