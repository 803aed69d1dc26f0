package io.sessionplane.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {
    private static final String SESSION = "7cdd624f-37d1-46c1-ab96-695a5d13956f";

    private static String command() {
        return JsonCodec.write(new SessionCommand(UUID.randomUUID().toString(), SessionAction.SEND_MESSAGE, SESSION,
                "pod-eu-west", false, null, "Patching tonight", MessageType.WARNING, "LOCAL\\admin",
                System.currentTimeMillis(), "m-1", "S-1-5-21-7"));
    }

    @Test
    void aRecordThatKeepsItsTopicsSchemaPasses() {
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, SESSION, command(), Map.of())).isEmpty();
        String facts = JsonCodec.write(new AgentFacts("m-1", true, "a-1", "24.10", "2.4.1", "Windows 11", true, 1L));
        assertThat(RecordSchemas.violations(Topics.ASSIST_AGENTS, "m-1", facts, Map.of())).isEmpty();
    }

    @Test
    void aRecordThatBreaksItFailsTheTestWithWhatAndWhere() {
        String noSession = command().replaceFirst("\"session_id\":\"[^\"]+\",", "");
        assertThatThrownBy(() -> RecordSchemas.check("sent to", Topics.SESSION_COMMANDS, SESSION, noSession, Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sent to session.commands.v1")
                .hasMessageContaining("session-command.v1.json")
                .hasMessageContaining("session_id")
                .hasMessageContaining(RecordSchemas.INVALID_HEADER);
        String badEnum = command().replace("\"SEND_MESSAGE\"", "\"SHOUT\"");
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, SESSION, badEnum, Map.of())).isNotEmpty();
        String notAUuid = command().replaceFirst("\"command_id\":\"[^\"]+\"", "\"command_id\":\"c-1\"");
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, SESSION, notAUuid, Map.of())).isNotEmpty();
    }

    @Test
    void deadLettersTombstonesNonJsonAndMarkedRecordsAreExempt() {
        String invalid = "{\"command_id\":\"not-a-uuid\",\"action\":\"DISCONNECT\"}";
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, SESSION, invalid, Map.of())).isNotEmpty();

        assertThat(RecordSchemas.violations(Topics.dlq(Topics.SESSION_COMMANDS), SESSION, invalid, Map.of())).isEmpty();
        assertThat(RecordSchemas.violations(Topics.SESSION_INVENTORY, SESSION, null, Map.of())).isEmpty();
        assertThat(RecordSchemas.violations(Topics.SESSION_OUTCOMES, SESSION, "{this is not json", Map.of())).isEmpty();
        assertThat(RecordSchemas.violations(Topics.ASSIST_RESPONSES, "key", "before-restart-1", Map.of())).isEmpty();
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, SESSION, invalid,
                Map.of(RecordSchemas.INVALID_HEADER, "no session id"))).isEmpty();
        assertThat(RecordSchemas.violations(Topics.SESSION_COMMANDS, "poison-" + UUID.randomUUID(), invalid, Map.of()))
                .isEmpty();
        assertThatCode(() -> RecordSchemas.check("read from", "not.a.contract.topic", "k", invalid, Map.of()))
                .doesNotThrowAnyException();
    }
}
