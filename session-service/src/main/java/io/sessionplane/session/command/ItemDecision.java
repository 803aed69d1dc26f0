package io.sessionplane.session.command;

import io.sessionplane.contracts.command.ActionRules;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.session.inventory.StoredSession;
import java.util.Optional;

/**
 * What one item of an action request gets, decided from the read model alone and in this order: 404 unless the
 * session exists (in the requested pod), 403 unless the caller may act on it, 409 unless the state rules allow it.
 * Pure, so a dry run and the real call decide alike.
 */
public final class ItemDecision {
    private ItemDecision() {
    }

    /**
     * @param session  the session from the read model, or null when unknown
     * @param podScope the pod of a global request's entry, or null for a local request
     * @return the refusal, or empty when the command may be sent
     */
    public static Optional<BulkItemResponseInfo> decide(Caller caller, SessionAction action, String id, StoredSession session,
            CommandOptions options, String podScope) {
        if (session == null) {
            return Optional.of(BulkItemResponseInfo.refused(id, 404, ErrorKeys.SESSION_NOT_FOUND,
                    "session " + id + " not found"));
        }
        if (podScope != null && !podScope.equals(session.snapshot().podId())) {
            return Optional.of(BulkItemResponseInfo.refused(id, 404, ErrorKeys.SESSION_NOT_FOUND,
                    "session " + id + " is not a session of pod " + podScope));
        }
        if (!caller.mayActOn(session.accessGroupId(), session.federated(), action.localPrivileges(),
                action.federatedPrivilege())) {
            // The session's access group is not named: a caller refused here may not know the groups it may not see.
            String needed = session.federated() ? action.federatedPrivilege().name()
                    : "one of " + action.localPrivileges().stream().map(Enum::name).sorted().toList()
                            + " on the session's access group";
            return Optional.of(BulkItemResponseInfo.refused(id, 403, ErrorKeys.FORBIDDEN,
                    "insufficient privilege to " + action.pathSegment() + " session " + id + ": needs " + needed));
        }
        return ActionRules.refusal(action, session.snapshot(), options.forced())
                .map(refusal -> BulkItemResponseInfo.refused(id, 409, refusal.errorKey(), refusal.message()));
    }

}
