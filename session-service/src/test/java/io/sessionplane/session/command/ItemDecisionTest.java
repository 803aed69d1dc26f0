package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.session.inventory.StoredSession;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-item decision in plain JUnit: existence, pod scope, privilege, then the state rules, in that order. */
class ItemDecisionTest {
    static final CommandOptions NONE = new CommandOptions(null, null, null);
    static final Caller HELPDESK = new Caller("LOCAL\\helpdesk", "LOCAL", Map.of(DemoAccessGroups.FINANCE,
            Set.of(Privilege.MACHINE_VIEW, Privilege.MACHINE_MANAGE_VDI_SESSION)), Set.of(), Set.of());
    static final Caller FEDERATED = new Caller("LOCAL\\fed", "LOCAL", Map.of(),
            Set.of(Privilege.FEDERATED_SESSIONS_MANAGE), Set.of());

    private static StoredSession stored(SessionFixture fixture) {
        return new StoredSession(fixture.snapshot());
    }

    private static Optional<Integer> status(Caller caller, SessionAction action, SessionFixture fixture,
            CommandOptions options, String pod) {
        return ItemDecision.decide(caller, action, fixture.id(), stored(fixture), options, pod)
                .map(BulkItemResponseInfo::statusCode);
    }

    @Test
    void anUnknownSessionIs404WhateverTheCallerHolds() {
        assertThat(ItemDecision.decide(HELPDESK, SessionAction.DISCONNECT, "nope", null, NONE, null))
                .hasValueSatisfying(item -> {
                    assertThat(item.statusCode()).isEqualTo(404);
                    assertThat(item.errors().get(0).errorKey()).isEqualTo("inventory.session.not.found");
                });
    }

    @Test
    void aSessionOfAnotherPodThanTheEntrySaysIs404() {
        SessionFixture local = session();
        assertThat(status(HELPDESK, SessionAction.DISCONNECT, local, NONE, DemoAccessGroups.REMOTE_POD)).contains(404);
        assertThat(status(HELPDESK, SessionAction.DISCONNECT, local, NONE, DemoAccessGroups.LOCAL_POD)).isEmpty();
    }

    @Test
    void privilegesAreCheckedOnTheSessionsOwnGroupBeforeTheRules() {
        SessionFixture engineering = session().group(DemoAccessGroups.ENGINEERING).state(SessionState.DISCONNECTED);
        // Already disconnected would be 409, but the privilege decides first.
        assertThat(status(HELPDESK, SessionAction.DISCONNECT, engineering, NONE, null)).contains(403);
        assertThat(status(HELPDESK, SessionAction.RESET, session(), NONE, null)).contains(403);
        assertThat(status(FEDERATED, SessionAction.LOGOFF, session(), NONE, null)).contains(403);
        assertThat(status(FEDERATED, SessionAction.LOGOFF, session().federated(), NONE, null)).isEmpty();
    }

    @Test
    void theStateRulesGive409WithTheirReason() {
        assertThat(ItemDecision.decide(HELPDESK, SessionAction.DISCONNECT, "x",
                stored(session().state(SessionState.DISCONNECTED)), NONE, null))
                .hasValueSatisfying(item -> {
                    assertThat(item.statusCode()).isEqualTo(409);
                    assertThat(item.errors().get(0).errorKey()).isEqualTo("inventory.session.already.disconnected");
                });
        SessionFixture locked = session().locked();
        assertThat(status(HELPDESK, SessionAction.LOGOFF, locked, new CommandOptions(false, null, null), null))
                .contains(409);
        assertThat(status(HELPDESK, SessionAction.LOGOFF, locked, new CommandOptions(true, null, null), null))
                .isEmpty();
        assertThat(status(HELPDESK, SessionAction.SEND_MESSAGE, session().state(SessionState.DISCONNECTED),
                new CommandOptions(null, "hi", MessageType.INFO), null)).isEmpty();
    }
}
