package io.sessionplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.error.HuaweiError;
import io.sessionplane.contracts.error.StatusError;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRoundTripTest {

    /** The example body of seeds/horizon-rest-get-session-info.txt, verbatim. */
    private static final String SEED_SESSION_INFO = """
            {
                "access_group_id": "6fd4638a-381f-4518-aed6-042aa3d9f14c",
                "agent_version": "7.12.0",
                "application_names": ["Calculator"],
                "broker_user_id": "S-1-5-21-1111111111-2222222222-3333333333-500",
                "brokered_remotely": false,
                "client_data": {
                    "address": "127.0.0.1",
                    "location_id": "6bda20e66cda315084edc8b5c67f9cf1e3b0f4559ba990b1004a",
                    "name": "EXAMPLE-CLIENT1",
                    "type": "WINDOWS",
                    "version": "5.4.0"
                },
                "desktop_pool_id": "0103796c-102b-4ed3-953f-3dfe3d23e0fe",
                "disconnected_time": 1582181947320,
                "farm_id": "0dbd14ba-5795-4141-9cec-128ff6d494b0",
                "id": "7cdd624f-37d1-46c1-ab96-695a5d13956f",
                "idle_duration": 60,
                "last_session_duration_ms": 116320,
                "machine_id": "a00eda55-708a-4f7d-8cbc-1d1b3a2b5f73",
                "rds_server_id": "6f85b3a5-e7d0-4ad6-a1e3-37168dd1ed50",
                "resourced_remotely": false,
                "security_gateway_data": {
                    "address": "127.0.0.1",
                    "domain_name": "SECURE-GW.example.com",
                    "location": "EXTERNAL"
                },
                "session_protocol": "PCOIP",
                "session_state": "CONNECTED",
                "session_type": "APPLICATION",
                "start_time": 1582181831000,
                "unauthenticated": false,
                "user_id": "S-1-5-21-1111111111-2222222222-3333333333-500"
            }
            """;

    @Test
    void seedSessionInfoReadsAndWritesBackTheSameFields() throws Exception {
        SessionInfo info = JsonCodec.read(SEED_SESSION_INFO, SessionInfo.class);

        assertThat(info.id()).isEqualTo("7cdd624f-37d1-46c1-ab96-695a5d13956f");
        assertThat(info.clientData().locationId()).startsWith("6bda20e6");
        assertThat(info.securityGatewayData().domainName()).isEqualTo("SECURE-GW.example.com");
        assertThat(info.sessionType()).isEqualTo(SessionType.APPLICATION);
        assertThat(info.lastSessionDurationMs()).isEqualTo(116320L);

        JsonNode original = JsonCodec.mapper().readTree(SEED_SESSION_INFO);
        JsonNode written = JsonCodec.mapper().readTree(JsonCodec.write(info));
        assertThat(written).isEqualTo(original);
    }

    @Test
    void snapshotRoundTripsWithGuidAndNames() {
        SessionInfo info = JsonCodec.read(SEED_SESSION_INFO, SessionInfo.class);
        SessionInfo withGuid = new SessionInfo(info.id(), "guid-1", info.accessGroupId(), info.agentVersion(),
                info.applicationNames(), info.brokerUserId(), true, info.clientData(), info.desktopPoolId(),
                info.disconnectedTime(), info.farmId(), info.idleDuration(), info.lastSessionDurationMs(),
                info.machineId(), info.rdsServerId(), false, info.securityGatewayData(), SessionProtocol.BLAST,
                SessionState.DISCONNECTED, SessionType.DESKTOP, info.startTime(), false, info.userId());
        SessionSnapshot snapshot = new SessionSnapshot(withGuid, "pod-a", "pod-b", true, true,
                new SessionNames("EXAMPLE\\jdoe", "VDI-001", "vdi-001.example.com", "Finance", null, null, "Root"),
                1_700_000_000_000L);

        String json = JsonCodec.write(snapshot);
        assertThat(json).contains("\"pod_id\":\"pod-a\"", "\"brokering_pod_id\":\"pod-b\"",
                "\"vcenter_managed\":true", "\"machine_dns_name\":\"vdi-001.example.com\"", "\"observed_at\"");
        SessionSnapshot back = JsonCodec.read(json, SessionSnapshot.class);
        assertThat(back).isEqualTo(snapshot);
        assertThat(back.session().federated()).isTrue();
        assertThat(back.session().withoutGuid().guid()).isNull();
    }

    @Test
    void commandAndOutcomeRoundTrip() {
        SessionCommand command = new SessionCommand("c-1", SessionAction.SEND_MESSAGE, "s-1", "pod-a", false, null,
                "Maintenance at 18:00", MessageType.WARNING, "LOCAL\\admin", 42L, "m-1", "S-1-5-21-1");
        String json = JsonCodec.write(command);
        assertThat(json).contains("\"action\":\"SEND_MESSAGE\"", "\"message_type\":\"WARNING\"",
                "\"requested_by\":\"LOCAL\\\\admin\"").doesNotContain("forced");
        assertThat(JsonCodec.read(json, SessionCommand.class)).isEqualTo(command);

        SessionOutcome outcome = new SessionOutcome("e-1", EventType.ADMIN_SESSION_SENDMSG, "c-1",
                SessionAction.SEND_MESSAGE, "s-1", CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, "sent",
                null, false, 43L, "S-1-5-21-1", "EXAMPLE\\jdoe", "LOCAL\\admin", "pod-a", "m-1", "vdi.example.com",
                "Finance", null);
        assertThat(JsonCodec.read(JsonCodec.write(outcome), SessionOutcome.class)).isEqualTo(outcome);
    }

    @Test
    void assistRecordsRoundTrip() {
        AgentFacts facts = new AgentFacts("m-1", true, "agent-1", "23.10", "2.3.0", "Windows 11", true, 5L);
        ShareSpaceInvitation invitation = new ShareSpaceInvitation("e-2", InvitationKind.INVITE, "sp-1", "demo",
                "m-1", "s-1", "AB12CD34", "Assistance for jdoe", "LOCAL\\admin", null, 6L);
        ShareSpaceResponse response = new ShareSpaceResponse("e-3", "sp-1", "m-1", "s-1", UserAnswer.CONFIRMED,
                null, 7L);
        AssistOutcome outcome = new AssistOutcome("e-4", EventType.REMOTE_ASSISTANCE_REFUSED, "s-1", "m-1", "sp-1",
                "demo", ShareSpaceStatus.CLOSE, "user refused", Severity.WARNING, "refused", 8L, "LOCAL\\admin",
                "S-1", "EXAMPLE\\jdoe", "vdi.example.com", "Finance", null);

        assertThat(JsonCodec.read(JsonCodec.write(facts), AgentFacts.class)).isEqualTo(facts);
        assertThat(JsonCodec.read(JsonCodec.write(invitation), ShareSpaceInvitation.class)).isEqualTo(invitation);
        assertThat(JsonCodec.read(JsonCodec.write(response), ShareSpaceResponse.class)).isEqualTo(response);
        assertThat(JsonCodec.read(JsonCodec.write(outcome), AssistOutcome.class)).isEqualTo(outcome);
        assertThat(JsonCodec.write(outcome)).contains("\"failed_reason\":\"user refused\"");
    }

    @Test
    void errorBodiesUseTheDocumentedFieldNames() {
        assertThat(JsonCodec.write(new HorizonError("inventory.session.not.found", "no such session")))
                .isEqualTo("{\"error_key\":\"inventory.session.not.found\",\"error_message\":\"no such session\"}");
        assertThat(JsonCodec.write(HuaweiError.of("WKS.0404", "not found", "desktop d-1")))
                .isEqualTo("{\"error_code\":\"WKS.0404\",\"error_msg\":\"not found\",\"error_detail\":\"desktop d-1\","
                        + "\"encoded_authorization_message\":null}");
    }

    @Test
    void aStatusWithoutAnErrorOfItsOwnGetsTheGenericOneOfItsKindInBothBodies() {
        assertThat(StatusError.of(401).errorKey()).isEqualTo("common.unauthorized");
        assertThat(StatusError.of(403).errorKey()).isEqualTo("common.insufficient.privileges");
        assertThat(StatusError.of(404).errorKey()).isEqualTo("common.not.found");
        assertThat(StatusError.of(404).huaweiCode()).isEqualTo("WKS.0404");
        assertThat(StatusError.of(405).errorKey()).isEqualTo("common.method.not.allowed");
        assertThat(StatusError.of(409).huaweiCode()).isEqualTo("WKS.0409");
        assertThat(StatusError.of(418).errorKey()).isEqualTo("common.bad.request");
        assertThat(StatusError.of(418).huaweiCode()).isEqualTo("WKS.0400");
        assertThat(StatusError.of(503).errorKey()).isEqualTo("common.service.unavailable");
        assertThat(StatusError.of(502).errorKey()).isEqualTo("common.unexpected.error");
        assertThat(StatusError.of(502).huaweiCode()).isEqualTo("WKS.0500");
    }

    @Test
    void unknownFieldsAreIgnoredButWrongTypesAreNot() {
        SessionCommand command = JsonCodec.read("{\"command_id\":\"c\",\"action\":\"LOGOFF\",\"session_id\":\"s\","
                + "\"federated\":false,\"requested_at\":1,\"added_in_v2\":true}", SessionCommand.class);
        assertThat(command.action()).isEqualTo(SessionAction.LOGOFF);

        assertThatThrownBy(() -> JsonCodec.read("{\"action\":\"EXPLODE\"}", SessionCommand.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonCodec.read("not json", SessionCommand.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyActionMapsToItsSeedEventTypes() {
        assertThat(SessionAction.DISCONNECT.outcomeType(false, true)).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED);
        assertThat(SessionAction.LOGOFF.outcomeType(false, false)).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_LOGOFF_FAILED);
        assertThat(SessionAction.RESET.outcomeType(false, true)).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_REBOOTED);
        assertThat(SessionAction.RESTART.outcomeType(true, true))
                .isEqualTo(EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SENT);
        assertThat(SessionAction.SEND_MESSAGE.outcomeType(true, false))
                .isEqualTo(EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SEND_FAILED);
        assertThat(SessionAction.fromPathSegment("send-message")).contains(SessionAction.SEND_MESSAGE);
        assertThat(SessionAction.fromPathSegment("explode")).isEmpty();
        for (SessionAction action : SessionAction.values()) {
            for (boolean federated : new boolean[] {false, true}) {
                String ok = action.outcomeType(federated, true).name();
                String failed = action.outcomeType(federated, false).name();
                assertThat(failed).startsWith(ok.replaceAll("(ED|_SENT|_LOGOFF|SENDMSG)$", ""));
            }
        }
    }

    @Test
    void topicCatalogueHasCompactedSnapshotsAndADeadLetterTopicPerChannelTopic() {
        assertThat(io.sessionplane.contracts.kafka.Topics.all())
                .anySatisfy(t -> {
                    assertThat(t.name()).isEqualTo("session.inventory.v1");
                    assertThat(t.compacted()).isTrue();
                })
                .anySatisfy(t -> assertThat(t.name()).isEqualTo("assist.outcomes.v1.dlq"))
                .anySatisfy(t -> assertThat(t.name()).isEqualTo("session.jobs.v1.dlq"))
                .noneSatisfy(t -> assertThat(t.name()).isEqualTo("auth.revocations.v1.dlq"))
                .hasSize(19);
        assertThat(io.sessionplane.contracts.kafka.Topics.all().stream().map(t -> t.name()).toList())
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).doesNotContain("-"));
    }

    @Test
    void severityAndModuleComeWithEachEventType() {
        assertThat(EventType.ADMIN_DESKTOP_SESSION_LOGOFF.module()).isEqualTo("Admin");
        assertThat(EventType.ADMIN_DESKTOP_SESSION_LOGOFF_FAILED.defaultSeverity()).isEqualTo(Severity.AUDIT_FAIL);
        assertThat(List.of(ShareSpaceStatus.values())).filteredOn(ShareSpaceStatus::live).hasSize(3);
    }

    @Test
    void clientAndGatewayDataUseSnakeCase() {
        assertThat(JsonCodec.write(new ClientData("10.0.0.1", "loc", "PC", "WINDOWS", "8.0")))
                .contains("\"location_id\":\"loc\"");
        assertThat(JsonCodec.write(new SecurityGatewayData("10.0.0.2", "uag.example.com", "EXTERNAL")))
                .contains("\"domain_name\":\"uag.example.com\"");
    }
}
