package io.sessionplane.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over a real broker: what it publishes, how it executes commands, how its users answer. */
@QuarkusTest
@WithTestResource(LocalInfraResource.class)
class SimulatorTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();

    @BeforeEach
    void fleetPublished() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    record Simulated(SessionSnapshot snapshot, String answer, boolean agentInstalled) {
        String id() {
            return snapshot.session().id();
        }
    }

    static List<Simulated> fleet(String query) {
        JsonNode body = JsonCodec.read(given().get("/simulator/sessions?limit=10000" + query).then().statusCode(200)
                .extract().asString(), JsonNode.class);
        List<Simulated> sessions = new ArrayList<>();
        body.forEach(node -> sessions.add(new Simulated(JsonCodec.mapper().convertValue(node.get("snapshot"),
                SessionSnapshot.class), node.get("invitation_answer").asText(), node.get("assist_agent_installed").asBoolean())));
        return sessions;
    }

    static Simulated pick(Predicate<Simulated> condition) {
        return fleet("").stream().filter(condition).findFirst()
                .orElseThrow(() -> new AssertionError("the test fleet has no such session"));
    }

    static boolean localVdi(Simulated s) {
        return !s.snapshot().session().federated() && s.snapshot().session().machineId() != null;
    }

    static SessionCommand command(SessionAction action, Simulated target, Boolean forced) {
        return new SessionCommand(UUID.randomUUID().toString(), action, target.id(), target.snapshot().podId(),
                target.snapshot().session().federated(), forced, action == SessionAction.SEND_MESSAGE ? "hello" : null,
                action == SessionAction.SEND_MESSAGE ? MessageType.INFO : null, "LOCAL\\admin",
                System.currentTimeMillis(), target.snapshot().session().machineId(), target.snapshot().session().userId());
    }

    static void send(SessionCommand command) {
        kafka.send(Topics.SESSION_COMMANDS, command.sessionId(), JsonCodec.write(command));
    }

    static List<ConsumerRecord<String, String>> outcomesOf(String commandId, int expected, Duration wait) {
        return kafka.await(Topics.SESSION_OUTCOMES, r -> r.value() != null && r.value().contains(commandId),
                expected, wait);
    }

    /** Sends the command and returns its one outcome. */
    static SessionOutcome execute(SessionCommand command) {
        send(command);
        List<ConsumerRecord<String, String>> records = outcomesOf(command.commandId(), 1, Duration.ofSeconds(20));
        assertThat(records).as("outcome of " + command.action()).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        SessionOutcome outcome = JsonCodec.read(record.value(), SessionOutcome.class);
        assertThat(record.key()).isEqualTo(command.sessionId());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.TYPE)).isEqualTo(outcome.eventType().name());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.ID)).isEqualTo(outcome.eventId());
        assertThat(outcome.commandId()).isEqualTo(command.commandId());
        assertThat(outcome.requestedBy()).isEqualTo("LOCAL\\admin");
        assertThat(outcome.message()).isNotBlank();
        assertThat(outcome.severity()).isEqualTo(outcome.eventType().defaultSeverity());
        return outcome;
    }

    @Test
    void everySessionIsPublishedWithItsFieldsAndEveryDesktopItsAssistFacts() {
        List<Simulated> fleet = fleet("");
        assertThat(fleet).hasSizeGreaterThanOrEqualTo(100);
        Simulated vdi = pick(s -> localVdi(s) && s.snapshot().session().sessionState().name().equals("CONNECTED"));
        List<ConsumerRecord<String, String>> records = kafka.await(Topics.SESSION_INVENTORY,
                r -> vdi.id().equals(r.key()), 1, Duration.ofSeconds(20));
        SessionSnapshot published = JsonCodec.read(records.get(0).value(), SessionSnapshot.class);
        var info = published.session();
        assertThat(List.of(info.id(), info.guid(), info.accessGroupId(), info.agentVersion(), info.brokerUserId(),
                info.desktopPoolId(), info.machineId(), info.userId(), info.clientData().address(),
                info.clientData().locationId(), info.clientData().name(), info.clientData().type(),
                info.clientData().version())).doesNotContainNull();
        assertThat(info.startTime()).isPositive();
        assertThat(info.lastSessionDurationMs()).isNotNull();
        assertThat(info.idleDuration()).isNotNull();
        assertThat(info.sessionProtocol()).isNotNull();
        assertThat(published.names().machineDnsName()).endsWith(".corp.example.com");
        assertThat(KafkaTestClient.header(records.get(0), CloudEventHeaders.SUBJECT)).isEqualTo(vdi.id());

        List<ConsumerRecord<String, String>> facts = kafka.await(Topics.ASSIST_AGENTS,
                r -> info.machineId().equals(r.key()), 1, Duration.ofSeconds(20));
        AgentFacts agent = JsonCodec.read(facts.get(0).value(), AgentFacts.class);
        assertThat(agent.machineId()).isEqualTo(info.machineId());
        assertThat(agent.helpdeskPluginVersion()).isNotBlank();

        // The fleet has every kind the rules distinguish.
        assertThat(fleet).anyMatch(s -> s.snapshot().session().sessionType().name().equals("APPLICATION"));
        assertThat(fleet).anyMatch(s -> s.snapshot().session().onRdsHost()
                && s.snapshot().session().sessionType().name().equals("DESKTOP"));
        assertThat(fleet).anyMatch(s -> s.snapshot().locked());
        assertThat(fleet).anyMatch(s -> !s.snapshot().vcenterManaged());
        assertThat(fleet).anyMatch(s -> s.snapshot().session().federated());
        assertThat(fleet).anyMatch(s -> s.snapshot().session().sessionState().name().equals("DISCONNECTED"));
        assertThat(fleet).anyMatch(s -> s.snapshot().session().sessionState().name().equals("PENDING"));
        assertThat(fleet.stream().map(s -> s.snapshot().session().accessGroupId()).distinct()).hasSizeGreaterThan(2);
    }

    @Test
    void disconnectSucceedsOnceAndThenFailsAsAlreadyDisconnected() {
        Simulated target = pick(s -> localVdi(s) && s.snapshot().session().sessionState().name().equals("CONNECTED")
                && !s.snapshot().locked());
        SessionOutcome first = execute(command(SessionAction.DISCONNECT, target, null));
        assertThat(first.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED);
        assertThat(first.status()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(first.machineDnsName()).isNotBlank();
        List<ConsumerRecord<String, String>> snapshots = kafka.await(Topics.SESSION_INVENTORY,
                r -> target.id().equals(r.key()) && r.value() != null && r.value().contains("\"DISCONNECTED\""), 1,
                Duration.ofSeconds(20));
        assertThat(snapshots).hasSize(1);

        SessionOutcome second = execute(command(SessionAction.DISCONNECT, target, null));
        assertThat(second.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_DISCONNECT_FAILED);
        assertThat(second.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(second.errorKey()).isEqualTo("inventory.session.already.disconnected");
    }

    @Test
    void logoffOfALockedSessionNeedsForceAndEndsTheSession() {
        Simulated locked = pick(s -> !s.snapshot().session().federated() && s.snapshot().locked());
        SessionOutcome refused = execute(command(SessionAction.LOGOFF, locked, false));
        assertThat(refused.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_LOGOFF_FAILED);
        assertThat(refused.errorKey()).isEqualTo("inventory.session.locked");

        SessionOutcome forced = execute(command(SessionAction.LOGOFF, locked, true));
        assertThat(forced.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_LOGOFF);
        assertThat(forced.sessionEnded()).isTrue();
        assertThat(kafka.await(Topics.SESSION_INVENTORY, r -> locked.id().equals(r.key()) && r.value() == null, 1,
                Duration.ofSeconds(20))).hasSize(1);
        given().get("/simulator/sessions/{id}", locked.id()).then().statusCode(404);

        SessionOutcome gone = execute(command(SessionAction.LOGOFF, locked, true));
        assertThat(gone.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(gone.errorKey()).isEqualTo("inventory.session.not.found");
    }

    @Test
    void resetAndRestartOnlyForVcenterManagedVdiDesktops() {
        Simulated application = pick(s -> !s.snapshot().session().federated()
                && s.snapshot().session().sessionType().name().equals("APPLICATION"));
        Simulated rdsDesktop = pick(s -> !s.snapshot().session().federated() && s.snapshot().session().onRdsHost()
                && s.snapshot().session().sessionType().name().equals("DESKTOP"));
        Simulated unmanaged = pick(s -> localVdi(s) && !s.snapshot().vcenterManaged());
        Simulated resettable = pick(s -> localVdi(s) && s.snapshot().vcenterManaged());

        assertThat(execute(command(SessionAction.RESET, application, null)).eventType())
                .isEqualTo(EventType.ADMIN_DESKTOP_SESSION_REBOOT_FAILED);
        assertThat(execute(command(SessionAction.RESTART, rdsDesktop, null)).eventType())
                .isEqualTo(EventType.ADMIN_DESKTOP_SESSION_RESTART_FAILED);
        SessionOutcome notManaged = execute(command(SessionAction.RESET, unmanaged, null));
        assertThat(notManaged.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_REBOOT_FAILED);
        assertThat(notManaged.errorKey()).isEqualTo("inventory.session.not.resettable");

        SessionOutcome reset = execute(command(SessionAction.RESTART, resettable, null));
        assertThat(reset.eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_RESTARTED);
        assertThat(reset.sessionEnded()).isTrue();
    }

    /** An agent that was away: the command reaches it after its expiry and is not executed. */
    @Test
    void anExpiredCommandIsNotExecutedAndItsOutcomeSaysSo() {
        Simulated target = pick(s -> localVdi(s) && s.snapshot().session().sessionState().name().equals("CONNECTED")
                && !s.snapshot().locked());
        SessionCommand fresh = command(SessionAction.LOGOFF, target, true);
        long requested = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        SessionCommand stale = new SessionCommand(fresh.commandId(), fresh.action(), fresh.sessionId(), fresh.podId(),
                fresh.federated(), fresh.forced(), null, null, fresh.requestedBy(), requested, fresh.machineId(),
                fresh.userId(), null, requested + Duration.ofMinutes(5).toMillis());
        SessionOutcome expired = execute(stale);
        assertThat(expired.eventType()).isEqualTo(EventType.SESSION_COMMAND_EXPIRED);
        assertThat(expired.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(expired.errorKey()).isEqualTo("inventory.session.command.expired");
        assertThat(expired.sessionEnded()).isFalse();
        assertThat(expired.message()).contains("after it expired");
        // Nothing was done: the session is still there, connected.
        assertThat(fleet("&state=CONNECTED").stream().map(Simulated::id)).contains(target.id());
        // A command within its expiry runs.
        SessionCommand live = command(SessionAction.LOGOFF, target, true);
        SessionCommand timely = new SessionCommand(live.commandId(), live.action(), live.sessionId(), live.podId(),
                live.federated(), live.forced(), null, null, live.requestedBy(), live.requestedAt(), live.machineId(),
                live.userId(), null, live.requestedAt() + Duration.ofMinutes(5).toMillis());
        assertThat(execute(timely).eventType()).isEqualTo(EventType.ADMIN_DESKTOP_SESSION_LOGOFF);
    }

    @Test
    void messagesReachConnectedSessionsOnly() {
        Simulated connected = pick(s -> !s.snapshot().session().federated()
                && s.snapshot().session().sessionState().name().equals("CONNECTED"));
        Simulated away = pick(s -> !s.snapshot().session().federated()
                && !s.snapshot().session().sessionState().name().equals("CONNECTED"));
        assertThat(execute(command(SessionAction.SEND_MESSAGE, connected, null)).eventType())
                .isEqualTo(EventType.ADMIN_SESSION_SENDMSG);
        SessionOutcome failed = execute(command(SessionAction.SEND_MESSAGE, away, null));
        assertThat(failed.eventType()).isEqualTo(EventType.ADMIN_SESSION_SENDMSG_FAILED);
        assertThat(failed.errorKey()).isEqualTo("inventory.session.not.connected");
    }

    @Test
    void federatedCommandsAreForwardedUnlessTheirPodIsUnreachable() {
        Simulated reachable = pick(s -> "pod-us-east".equals(s.snapshot().podId()));
        Simulated unreachable = pick(s -> "pod-ap-south".equals(s.snapshot().podId()));
        SessionOutcome sent = execute(command(SessionAction.SEND_MESSAGE, reachable, null));
        assertThat(sent.eventType()).isEqualTo(EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SENT);
        assertThat(sent.status()).isEqualTo(CommandStatus.REQUEST_SENT);
        SessionOutcome failed = execute(command(SessionAction.LOGOFF, unreachable, true));
        assertThat(failed.eventType()).isEqualTo(EventType.VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SEND_FAILED);
        assertThat(failed.status()).isEqualTo(CommandStatus.REQUEST_SEND_FAILED);
    }

    @Test
    void aRedeliveredCommandIsExecutedOnceWithOneOutcome() {
        Simulated target = pick(s -> !s.snapshot().session().federated()
                && s.snapshot().session().sessionState().name().equals("CONNECTED"));
        SessionCommand command = command(SessionAction.SEND_MESSAGE, target, null);
        send(command);
        send(command);
        send(command);
        assertThat(outcomesOf(command.commandId(), 1, Duration.ofSeconds(20))).hasSize(1);
        // A later command on the same session (same partition) runs after all three copies were consumed, and its
        // outcome lands behind any outcome they caused: once it is visible, a second outcome would be too.
        execute(command(SessionAction.SEND_MESSAGE, target, null));
        assertThat(kafka.readAll(Topics.SESSION_OUTCOMES, r -> r.value() != null
                && r.value().contains(command.commandId()))).hasSize(1);
    }

    @Test
    void aPoisonCommandGoesToTheDeadLetterTopicAndLaterCommandsRun() {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(Topics.SESSION_COMMANDS, key, "{\"command_id\":\"not-a-uuid\",\"action\":\"DISCONNECT\"}");
        Simulated target = pick(s -> !s.snapshot().session().federated()
                && s.snapshot().session().sessionState().name().equals("CONNECTED"));
        assertThat(execute(command(SessionAction.SEND_MESSAGE, target, null)).status()).isEqualTo(CommandStatus.SUCCEEDED);
        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.dlq(Topics.SESSION_COMMANDS),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).isNotBlank();
    }

    static ShareSpaceInvitation invitation(InvitationKind kind, String shareSpaceId, Simulated desktop) {
        return new ShareSpaceInvitation(UUID.randomUUID().toString(), kind, shareSpaceId, "demo",
                desktop.snapshot().session().machineId(), desktop.id(), "ABCD1234", "Help", "LOCAL\\admin", null,
                System.currentTimeMillis());
    }

    static List<UserAnswer> answersTo(String shareSpaceId, int expected, Duration wait) {
        return kafka.await(Topics.ASSIST_RESPONSES, r -> r.value() != null && r.value().contains(shareSpaceId),
                expected, wait).stream().map(r -> JsonCodec.read(r.value(), ShareSpaceResponse.class).answer()).toList();
    }

    @Test
    void usersAnswerInvitationsTheirWay() {
        Simulated accepting = pick(s -> localVdi(s) && s.answer().equals("accept"));
        Simulated refusing = pick(s -> localVdi(s) && s.answer().equals("refuse"));
        Simulated ignoring = pick(s -> localVdi(s) && s.answer().equals("ignore"));
        Simulated withdrawn = fleet("").stream().filter(s -> localVdi(s) && s.answer().equals("accept")
                && !s.id().equals(accepting.id())).findFirst().orElseThrow();
        String accepted = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        String ignored = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        for (var pair : List.of(List.of(accepted, accepting), List.of(refused, refusing), List.of(ignored, ignoring),
                List.of(cancelled, withdrawn))) {
            ShareSpaceInvitation invite = invitation(InvitationKind.INVITE, (String) pair.get(0), (Simulated) pair.get(1));
            kafka.send(Topics.ASSIST_INVITATIONS, invite.sessionId(), JsonCodec.write(invite));
        }
        ShareSpaceInvitation withdraw = invitation(InvitationKind.WITHDRAW, cancelled, withdrawn);
        kafka.send(Topics.ASSIST_INVITATIONS, withdraw.sessionId(), JsonCodec.write(withdraw));

        assertThat(answersTo(accepted, 2, Duration.ofSeconds(20)))
                .containsExactly(UserAnswer.CONFIRMED, UserAnswer.JOINED);
        assertThat(answersTo(refused, 1, Duration.ofSeconds(20))).containsExactly(UserAnswer.REFUSED);
        assertThat(answersTo(ignored, 1, Duration.ofSeconds(4))).isEmpty();
        assertThat(answersTo(cancelled, 1, Duration.ofSeconds(2))).isEmpty();

        // What is not an invitation goes to the dead-letter topic with its reason.
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.send(Topics.ASSIST_INVITATIONS, poisonKey, "not an invitation");
        var dead = kafka.await(Topics.dlq(Topics.ASSIST_INVITATIONS), r -> poisonKey.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).isNotBlank();
    }
}
