package io.sessionplane.session.monitor;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import org.junit.jupiter.api.Test;

/** Horizon's session metrics, counted over what the caller may view (differences, as other tests add sessions). */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionMetricsTest {

    private static JsonPath metrics(String user) {
        return Api.as(user).get("/rest/monitor/v1/sessions/metrics").then().statusCode(200).extract().jsonPath();
    }

    private static long diff(JsonPath after, JsonPath before, String path) {
        return after.getLong(path) - before.getLong(path);
    }

    @Test
    void countsByKindStateProtocolClientAndGatewayWithinTheCallersGroups() {
        JsonPath helpdeskBefore = metrics("helpdesk");
        JsonPath adminBefore = metrics("admin");
        SessionFixture.publishAndAwait(
                session().protocol(SessionProtocol.BLAST),
                session().protocol(SessionProtocol.PCOIP).state(SessionState.DISCONNECTED),
                session().rdsDesktop().protocol(SessionProtocol.RDP),
                session().application("Excel").protocol(SessionProtocol.PCOIP).state(SessionState.PENDING),
                session().group(DemoAccessGroups.ENGINEERING).protocol(SessionProtocol.BLAST),
                session().group(DemoAccessGroups.ENGINEERING).federated());
        JsonPath helpdesk = metrics("helpdesk");
        JsonPath admin = metrics("admin");

        // helpdesk views Finance only: the four Finance sessions.
        assertThat(diff(helpdesk, helpdeskBefore, "num_sessions")).isEqualTo(4);
        assertThat(diff(helpdesk, helpdeskBefore, "protocol_metrics.num_blast_sessions")).isEqualTo(1);
        assertThat(diff(helpdesk, helpdeskBefore, "protocol_metrics.num_rdp_sessions")).isEqualTo(1);
        // A disconnected session shows no protocol; the pending application session is PCoIP.
        assertThat(diff(helpdesk, helpdeskBefore, "protocol_metrics.num_pcoip_sessions")).isEqualTo(1);
        assertThat(diff(helpdesk, helpdeskBefore, "desktop_session_metrics.num_disconnected_sessions")).isEqualTo(1);
        assertThat(diff(helpdesk, helpdeskBefore, "application_session_metrics.num_pending_sessions")).isEqualTo(1);
        assertThat(diff(helpdesk, helpdeskBefore, "rds_session_metrics.num_active_sessions")
                + diff(helpdesk, helpdeskBefore, "rds_session_metrics.num_idle_sessions")).isEqualTo(1);
        assertThat(diff(helpdesk, helpdeskBefore, "client_metrics.num_windows_clients")).isEqualTo(4);
        assertThat(diff(helpdesk, helpdeskBefore, "gateway_metrics.num_external_gateways")).isEqualTo(4);
        // admin views Root: the Engineering session too; the federated one is not local.
        assertThat(diff(admin, adminBefore, "num_sessions")).isEqualTo(5);
        assertThat(diff(admin, adminBefore, "protocol_metrics.num_blast_sessions")).isEqualTo(2);
    }

    @Test
    void withoutAViewPrivilegeEverythingIsZero() {
        JsonPath federated = metrics("federated");
        assertThat(federated.getLong("num_sessions")).isZero();
        assertThat(federated.getLong("desktop_session_metrics.num_active_sessions")).isZero();
    }
}
