package io.sessionplane.kit.kafka;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandRecordsTest {

    static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.SESSION_COMMANDS, 0, 0L, "s-1", value);
    }

    @Test
    void aCompleteCommandIsRead() {
        String id = UUID.randomUUID().toString();
        SessionCommand command = new SessionCommand(id, SessionAction.DISCONNECT, "s-1", "pod-eu-west", false, null,
                null, null, "LOCAL\\admin", 1L, "m-1", "S-1-5-21-1");
        assertThat(CommandRecords.command(record(JsonCodec.write(command)))).isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"action\":\"DISCONNECT\",\"session_id\":\"s-1\"}",
        "{\"command_id\":\"not-a-uuid\",\"action\":\"DISCONNECT\",\"session_id\":\"s-1\"}",
        "{\"command_id\":\"6f1c2a52-4b1e-4c4e-9f43-0a9a3c1f2d11\",\"action\":\"NO_SUCH\",\"session_id\":\"s-1\"}",
        "{\"command_id\":\"6f1c2a52-4b1e-4c4e-9f43-0a9a3c1f2d11\",\"action\":\"DISCONNECT\"}"})
    void aCommandThatCannotBeActedOnIsRefused(String value) {
        assertThatThrownBy(() -> CommandRecords.command(record(value))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsWithoutAValueAreRefusedForBothTopics() {
        assertThatThrownBy(() -> CommandRecords.command(record(null))).hasMessage("record has no value");
        assertThatThrownBy(() -> CommandRecords.outcome(record(null))).hasMessage("record has no value");
        SessionOutcome withoutSession = new SessionOutcome(UUID.randomUUID().toString(),
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, UUID.randomUUID().toString(), SessionAction.DISCONNECT,
                null, CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS, "done", null, false, 1L, null, null, null, null,
                null, null, null, null);
        assertThatThrownBy(() -> CommandRecords.outcome(record(JsonCodec.write(withoutSession))))
                .hasMessageContaining("outcome lacks");
    }

    /** An outcome is one of its action's outcome types (or the expiry's), and never ACCEPTED. */
    @Test
    void onlyAnOutcomeOfTheCommandsActionIsAnOutcome() {
        assertThat(CommandRecords.outcome(record(JsonCodec.write(outcome(EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED,
                SessionAction.DISCONNECT, CommandStatus.SUCCEEDED)))).eventType())
                .isEqualTo(EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED);
        for (SessionAction action : SessionAction.values()) {
            for (boolean federated : new boolean[] {false, true}) {
                for (boolean succeeded : new boolean[] {false, true}) {
                    EventType type = action.outcomeType(federated, succeeded);
                    assertThat(CommandRecords.outcome(record(JsonCodec.write(outcome(type, action,
                            CommandStatus.FAILED)))).eventType()).isEqualTo(type);
                }
            }
            assertThat(CommandRecords.outcome(record(JsonCodec.write(outcome(EventType.SESSION_COMMAND_EXPIRED, action,
                    CommandStatus.FAILED)))).eventType()).isEqualTo(EventType.SESSION_COMMAND_EXPIRED);
        }
        assertThatThrownBy(() -> CommandRecords.outcome(record(JsonCodec.write(outcome(
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, SessionAction.DISCONNECT, CommandStatus.ACCEPTED)))))
                .hasMessage("an outcome's status cannot be ACCEPTED");
        assertThatThrownBy(() -> CommandRecords.outcome(record(JsonCodec.write(outcome(EventType.AGENT_CONNECTED,
                SessionAction.DISCONNECT, CommandStatus.SUCCEEDED)))))
                .hasMessage("event_type AGENT_CONNECTED is not an outcome of DISCONNECT");
        assertThatThrownBy(() -> CommandRecords.outcome(record(JsonCodec.write(outcome(null,
                SessionAction.DISCONNECT, CommandStatus.SUCCEEDED)))))
                .hasMessage("event_type null is not an outcome of DISCONNECT");
    }

    private static SessionOutcome outcome(EventType type, SessionAction action, CommandStatus status) {
        return new SessionOutcome(UUID.randomUUID().toString(), type, UUID.randomUUID().toString(), action, "s-1",
                status, Severity.AUDIT_SUCCESS, "done", null, false, 1L, null, null, null, null, null, null, null, null);
    }
}
