package io.sessionplane.session.command;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every action × every test operator × sessions in and out of their access groups, local and federated. The
 * expected answers are written out by hand from the design doc's action table, not computed.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class PrivilegeMatrixTest {
    static final List<String> ACTIONS = List.of("disconnect", "logoff", "reset", "restart", "send-message");
    static final List<String> TARGETS = List.of("finance", "engineering", "contractors", "federated");

    /** user → target → expected status per action, in ACTIONS order. */
    static final Map<String, Map<String, List<Integer>>> EXPECTED = new LinkedHashMap<>();

    static {
        expect("admin", "finance", 200, 200, 200, 200, 200);
        expect("admin", "engineering", 200, 200, 200, 200, 200);
        expect("admin", "contractors", 200, 200, 200, 200, 200);
        expect("admin", "federated", 200, 200, 200, 200, 200);
        // HelpDesk on Finance: MACHINE_VIEW, MACHINE_MANAGE_VDI_SESSION, REMOTE_ASSISTANCE.
        expect("helpdesk", "finance", 200, 200, 403, 403, 200);
        expect("helpdesk", "engineering", 403, 403, 403, 403, 403);
        expect("helpdesk", "contractors", 403, 403, 403, 403, 403);
        expect("helpdesk", "federated", 403, 403, 403, 403, 403);
        // ReadOnly on Root: views everything local, may do nothing.
        expect("viewer", "finance", 403, 403, 403, 403, 403);
        expect("viewer", "engineering", 403, 403, 403, 403, 403);
        expect("viewer", "contractors", 403, 403, 403, 403, 403);
        expect("viewer", "federated", 403, 403, 403, 403, 403);
        // MACHINE_VIEW and MACHINE_REBOOT on Finance.
        expect("rebooter", "finance", 403, 403, 200, 200, 403);
        expect("rebooter", "engineering", 403, 403, 403, 403, 403);
        expect("rebooter", "contractors", 403, 403, 403, 403, 403);
        expect("rebooter", "federated", 403, 403, 403, 403, 403);
        // POOL_VIEW and POOL_MANAGEMENT on Engineering, which covers its child Contractors.
        expect("poolmgr", "finance", 403, 403, 403, 403, 403);
        expect("poolmgr", "engineering", 200, 200, 403, 403, 200);
        expect("poolmgr", "contractors", 200, 200, 403, 403, 200);
        expect("poolmgr", "federated", 403, 403, 403, 403, 403);
        // FEDERATED_SESSIONS_VIEW and _MANAGE only: other pods' sessions, nothing local.
        expect("federated", "finance", 403, 403, 403, 403, 403);
        expect("federated", "engineering", 403, 403, 403, 403, 403);
        expect("federated", "contractors", 403, 403, 403, 403, 403);
        expect("federated", "federated", 200, 200, 200, 200, 200);
    }

    static void expect(String user, String target, Integer... statuses) {
        EXPECTED.computeIfAbsent(user, key -> new LinkedHashMap<>()).put(target, List.of(statuses));
    }

    @Test
    void everyActionByEveryOperatorOnEverySession() {
        Map<String, SessionFixture> targets = Map.of(
                "finance", session().group(DemoAccessGroups.FINANCE),
                "engineering", session().group(DemoAccessGroups.ENGINEERING),
                "contractors", session().group(DemoAccessGroups.CONTRACTORS),
                "federated", session().group(DemoAccessGroups.ENGINEERING).federated());
        SessionFixture.publishAndAwait(targets.values());

        List<String> mismatches = new ArrayList<>();
        EXPECTED.forEach((user, byTarget) -> byTarget.forEach((target, statuses) -> {
            for (int i = 0; i < ACTIONS.size(); i++) {
                String action = ACTIONS.get(i);
                String id = targets.get(target).id();
                Object body = action.equals("send-message")
                        ? Map.of("message", "matrix", "message_type", "INFO", "session_ids", List.of(id))
                        : List.of(id);
                int status = Api.as(user).body(body).post("/rest/inventory/v1/sessions/action/" + action)
                        .then().statusCode(200).extract().path("[0].status_code");
                if (status != statuses.get(i)) {
                    mismatches.add(user + " " + action + " " + target + ": expected " + statuses.get(i) + ", got " + status);
                }
            }
        }));
        assertThat(mismatches).isEmpty();
    }
}
