package io.sessionplane.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AuditRecordMapperTest {

    static ConsumerRecord<String, String> outcomeWithMessage(String message) {
        SessionOutcome outcome = new SessionOutcome(UUID.randomUUID().toString(),
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, UUID.randomUUID().toString(), SessionAction.DISCONNECT,
                "s-1", CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, message, null, false, 1_700_000_000_000L,
                "S-1-5-21-1", "CORP\\jdoe", "LOCAL\\admin", "pod-eu-west", "m-1", "vdi-1.corp.example.com",
                "Finance Desktops", null);
        return new ConsumerRecord<>(Topics.SESSION_OUTCOMES, 0, 7L, "s-1", JsonCodec.write(outcome));
    }

    /** Not an outcome of its command (ACCEPTED, another action's type): refused as the public stream refuses it. */
    @Test
    void whatIsNotAnOutcomeIsRefusedAsTheStreamRefusesIt() {
        for (SessionOutcome notAnOutcome : java.util.List.of(
                new SessionOutcome(UUID.randomUUID().toString(), EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED,
                        UUID.randomUUID().toString(), SessionAction.DISCONNECT, "s-1", CommandStatus.ACCEPTED,
                        Severity.AUDIT_SUCCESS, "m", null, false, 1_700_000_000_000L, null, null, null, null, null,
                        null, null, null),
                new SessionOutcome(UUID.randomUUID().toString(), EventType.ADMIN_DESKTOP_SESSION_LOGOFF,
                        UUID.randomUUID().toString(), SessionAction.DISCONNECT, "s-1", CommandStatus.SUCCEEDED,
                        Severity.AUDIT_SUCCESS, "m", null, false, 1_700_000_000_000L, null, null, null, null, null,
                        null, null, null))) {
            assertThatThrownBy(() -> AuditRecordMapper.map(new ConsumerRecord<>(Topics.SESSION_OUTCOMES, 0, 7L, "s-1",
                    JsonCodec.write(notAnOutcome)), 1L)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aNulCharacterIsRefusedBeforeTheDatabaseSeesIt() {
        assertThatThrownBy(() -> AuditRecordMapper.map(outcomeWithMessage("a \u0000 b"), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL character");
    }

    @Test
    void anEscapedBackslashBeforeU0000IsOrdinaryText() {
        // The message is the six characters \u0000 as text: JSON escapes its backslash, PostgreSQL stores it.
        AuditRow row = AuditRecordMapper.map(outcomeWithMessage("path \\u0000 literal"), 1L).orElseThrow();
        assertThat(row.message()).isEqualTo("path \\u0000 literal");
    }

    @Test
    void aCommandSaysWhatWasRequestedInTheWordsOfItsAction() {
        SessionCommand logoff = new SessionCommand(UUID.randomUUID().toString(), SessionAction.LOGOFF, "s-1",
                "pod-eu-west", false, true, null, null, "LOCAL\\admin", 1_700_000_000_000L, "m-1", "S-1-5-21-1",
                "finance");
        AuditRow row = AuditRecordMapper.map(new ConsumerRecord<>(Topics.SESSION_COMMANDS, 0, 1L, "s-1",
                JsonCodec.write(logoff)), 1L).orElseThrow();
        assertThat(row.message()).isEqualTo("LOCAL\\admin requested a forced log off of session s-1");
        assertThat(row.accessGroupId()).isEqualTo("finance");
        assertThat(row.federated()).isFalse();
        assertThat(row.eventId()).isEqualTo(logoff.commandId());
    }

    static ConsumerRecord<String, String> lifecycle(String eventType, String severity, String state) {
        String json = "{\"event_id\":\"e-1\",\"session_id\":\"s-1\",\"sequence\":4,\"kind\":\"LIFECYCLE\","
                + "\"event_type\":\"" + eventType + "\"," + (severity == null ? "" : "\"severity\":\"" + severity
                + "\",") + "\"message\":\"m\",\"time\":1700000000000,\"access_group_id\":\"finance\","
                + "\"federated\":false,\"pod_id\":\"pod-eu-west\",\"session_state\":\"" + state + "\"}";
        return new ConsumerRecord<>(Topics.SESSION_EVENTS, 0, 3L, "s-1", json);
    }

    /** Mid-upgrade a newer session-service may write a lifecycle type or state this version does not know. */
    @Test
    void aLifecycleTypeOrStateOfANewerVersionIsStoredAsWrittenNotDeadLettered() {
        AuditRow row = AuditRecordMapper.map(lifecycle("AGENT_TELEPORTED", "WARNING", "TELEPORTING"), 1L).orElseThrow();
        assertThat(row.type()).isEqualTo("AGENT_TELEPORTED");
        assertThat(row.severity()).isEqualTo("WARNING");
        assertThat(row.module()).isEqualTo("Agent");
        assertThat(row.sessionId()).isEqualTo("s-1");
        assertThat(row.accessGroupId()).isEqualTo("finance");

        AuditRow unknownSeverity = AuditRecordMapper.map(lifecycle("AGENT_TELEPORTED", "CATASTROPHIC", "CONNECTED"),
                1L).orElseThrow();
        assertThat(unknownSeverity.severity()).isEqualTo("UNKNOWN");
        assertThat(AuditRecordMapper.map(lifecycle("AGENT_TELEPORTED", null, "CONNECTED"), 1L).orElseThrow()
                .severity()).isEqualTo("INFO");
        AuditRow known = AuditRecordMapper.map(lifecycle("AGENT_PENDING_EXPIRED", null, "CONNECTED"), 1L)
                .orElseThrow();
        assertThat(known.severity()).isEqualTo("WARNING");
    }

    /** Only AGENT_* types are lifecycle facts: another type, known or not, is refused as before. */
    @Test
    void aLifecycleEventWithATypeThatIsNotAnAgentTypeIsRefused() {
        for (String type : java.util.List.of("ADMIN_DESKTOP_SESSION_DISCONNECTED", "ADMIN_TELEPORTED", "agent_x",
                "AGENT_", "AGENT_" + "X".repeat(65))) {
            assertThatThrownBy(() -> AuditRecordMapper.map(lifecycle(type, null, "CONNECTED"), 1L))
                    .as(type).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AGENT_* type");
        }
    }
}
