package io.sessionplane.assist;

import static io.restassured.RestAssured.given;
import static io.sessionplane.assist.AssistFixtures.FINANCE;
import static io.sessionplane.assist.AssistFixtures.ENGINEERING;
import static io.sessionplane.assist.AssistFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "assist"))
class ShareSpaceTest {
    static final KafkaTestClient kafka = KafkaTestClient.shared();
    static final String HELPER = token(FINANCE, "MACHINE_VIEW", "REMOTE_ASSISTANCE");

    static String path(String project, String desktop) {
        return "/v2/" + project + "/desktops/" + desktop + "/remote-assistance";
    }

    /** A desktop whose session assist-service knows. */
    static SessionSnapshot desktop(String group) {
        SessionSnapshot snapshot = AssistFixtures.desktop(kafka, group, false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token(group, "MACHINE_VIEW"))
                .get("/rest/helpdesk/v1/sessions/{id}/ws1-assist/status", snapshot.session().id()).then().statusCode(200));
        return snapshot;
    }

    static ValidatableResponse create(String token, String project, String desktop) {
        return given().auth().oauth2(token).post(path(project, desktop)).then();
    }

    static ValidatableResponse current(String desktop) {
        return given().auth().oauth2(HELPER).get(path("demo", desktop)).then();
    }

    static void answer(SessionSnapshot desktop, String shareSpaceId, UserAnswer answer) {
        ShareSpaceResponse response = new ShareSpaceResponse(UUID.randomUUID().toString(), shareSpaceId,
                desktop.session().machineId(), desktop.session().id(), answer, null, System.currentTimeMillis());
        kafka.send(Topics.ASSIST_RESPONSES, desktop.session().id(), JsonCodec.write(response));
    }

    /**
     * Waits until the consumer has handled every answer sent so far for the desktop: a poison record on the same key
     * (so the same partition, behind them) reaches the dead-letter topic only after they were processed.
     */
    static void awaitAnswersHandled(SessionSnapshot desktop) {
        String marker = "not json " + UUID.randomUUID();
        kafka.send(Topics.ASSIST_RESPONSES, desktop.session().id(), marker);
        kafka.await(Topics.dlq(Topics.ASSIST_RESPONSES), r -> marker.equals(r.value()), 1, Duration.ofSeconds(30));
    }

    static void awaitStatus(String desktop, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> current(desktop).statusCode(200)
                .body("status", equalTo(status)));
    }

    static List<EventType> outcomesOf(String shareSpaceId, int expected) {
        return kafka.await(Topics.ASSIST_OUTCOMES, r -> r.value() != null && r.value().contains(shareSpaceId), expected,
                Duration.ofSeconds(20)).stream().map(r -> JsonCodec.read(r.value(), AssistOutcome.class).eventType())
                .toList();
    }

    static List<InvitationKind> invitationsOf(String shareSpaceId, int expected) {
        return kafka.await(Topics.ASSIST_INVITATIONS, r -> r.value() != null && r.value().contains(shareSpaceId),
                expected, Duration.ofSeconds(20)).stream()
                .map(r -> JsonCodec.read(r.value(), ShareSpaceInvitation.class).kind()).toList();
    }

    @Test
    void theWholeLifeOfAShareSpace() throws Exception {
        SessionSnapshot desktop = desktop(FINANCE);
        String machine = desktop.session().machineId();
        String id = create(HELPER, "demo", machine).statusCode(200)
                .body("status", equalTo("WAIT_USER_CONFIRM"))
                .body("desktop_id", equalTo(machine))
                .body("initiator_type", equalTo("ADMIN"))
                .body("share_space_id", matchesPattern("[a-z0-9]{24}"))
                .extract().path("share_space_id");
        String password = current(machine).statusCode(200)
                .body("share_space_id", equalTo(id))
                .body("invitation_code", matchesPattern("[A-Z0-9]{8}"))
                .body("share_space_name", equalTo("Remote assistance for CORP\\jdoe"))
                .body("private_share_link", startsWith("https://assist.corp.example.com:9445/#/share-space?username="))
                .body("internet_share_link", startsWith("https://assist.example.com/#/share-space?"))
                .body("create_time", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"))
                .body("failed_reason", nullValue())
                .body("share_space_passwd", matchesPattern("[A-Za-z0-9]{12}"))
                .extract().path("share_space_passwd");
        assertThat(invitationsOf(id, 1)).containsExactly(InvitationKind.INVITE);

        answer(desktop, id, UserAnswer.CONFIRMED);
        awaitStatus(machine, "WAIT_USER_ACCESS");
        answer(desktop, id, UserAnswer.CONFIRMED);
        answer(desktop, id, UserAnswer.JOINED);
        awaitStatus(machine, "OPEN");

        given().auth().oauth2(HELPER).delete(path("demo", machine)).then().statusCode(204);
        current(machine).statusCode(200).body("status", equalTo("CLOSE"))
                .body("failed_reason", equalTo("cancelled by LOCAL\\operator"));
        given().auth().oauth2(HELPER).delete(path("demo", machine)).then().statusCode(404)
                .body("error_code", equalTo("WKS.1003"));

        assertThat(outcomesOf(id, 4)).containsExactly(EventType.REMOTE_ASSISTANCE_REQUESTED,
                EventType.REMOTE_ASSISTANCE_USER_CONFIRMED, EventType.REMOTE_ASSISTANCE_OPENED,
                EventType.REMOTE_ASSISTANCE_CANCELLED);
        assertThat(invitationsOf(id, 2)).containsExactly(InvitationKind.INVITE, InvitationKind.WITHDRAW);

        // The password is stored encrypted and never written to the logs (debug level included).
        String log = Files.readString(Path.of("target/assist-test.log"));
        assertThat(log).contains(id).doesNotContain(password);

        // A new space may be created once the old one is closed.
        create(HELPER, "demo", machine).statusCode(200);
    }

    @Test
    void refusalAndTimeoutCloseTheSpaceWithAReason() {
        SessionSnapshot refusing = desktop(FINANCE);
        String refused = create(HELPER, "demo", refusing.session().machineId()).statusCode(200)
                .extract().path("share_space_id");
        answer(refusing, refused, UserAnswer.REFUSED);
        awaitStatus(refusing.session().machineId(), "CLOSE");
        current(refusing.session().machineId()).body("failed_reason", equalTo("the user refused remote assistance"));
        assertThat(outcomesOf(refused, 2)).containsExactly(EventType.REMOTE_ASSISTANCE_REQUESTED,
                EventType.REMOTE_ASSISTANCE_REFUSED);

        SessionSnapshot silent = desktop(FINANCE);
        String ignored = create(HELPER, "demo", silent.session().machineId()).statusCode(200)
                .extract().path("share_space_id");
        awaitStatus(silent.session().machineId(), "CLOSE");
        current(silent.session().machineId()).body("failed_reason", startsWith("timed out waiting for the user to confirm"));
        assertThat(outcomesOf(ignored, 2)).containsExactly(EventType.REMOTE_ASSISTANCE_REQUESTED,
                EventType.REMOTE_ASSISTANCE_TIMED_OUT);
        assertThat(invitationsOf(ignored, 2)).containsExactly(InvitationKind.INVITE, InvitationKind.WITHDRAW);
        // A late answer to a closed space changes nothing.
        answer(silent, ignored, UserAnswer.CONFIRMED);
        awaitAnswersHandled(silent);
        current(silent.session().machineId()).body("status", equalTo("CLOSE"));
        assertThat(kafka.readAll(Topics.ASSIST_OUTCOMES, r -> r.value() != null && r.value().contains(ignored)))
                .hasSize(2);
    }

    @Test
    void anAnswerThatCannotBeAppliedIsDeadLetteredAndLaterAnswersStillCount() {
        SessionSnapshot desktop = desktop(FINANCE);
        String id = create(HELPER, "demo", desktop.session().machineId()).statusCode(200)
                .extract().path("share_space_id");
        // Well-formed JSON, but PostgreSQL refuses the NUL character: retrying could never apply it.
        answer(desktop, "bad\u0000" + id, UserAnswer.CONFIRMED);
        answer(desktop, id, UserAnswer.CONFIRMED);
        awaitStatus(desktop.session().machineId(), "WAIT_USER_ACCESS");
        var dead = kafka.await(Topics.dlq(Topics.ASSIST_RESPONSES), r -> desktop.session().id().equals(r.key())
                && r.value().contains("bad\\u0000"), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(KafkaTestClient.header(dead.get(0), "dead-letter-reason")).startsWith("the answer cannot be applied");
    }

    @Test
    void twentyConcurrentCreatesLeaveExactlyOneLiveSpace() throws Exception {
        SessionSnapshot desktop = desktop(FINANCE);
        String machine = desktop.session().machineId();
        var pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> create(HELPER, "demo", machine).extract().statusCode(),
                        pool));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        } finally {
            pool.shutdown();
        }
        create(HELPER, "demo", machine).statusCode(409).body("error_code", equalTo("WKS.1002"))
                .body("error_msg", startsWith("desktop " + machine));
        // A space is created only once its invitation is acknowledged by the broker, so the topic is complete now.
        assertThat(kafka.readAll(Topics.ASSIST_INVITATIONS, r -> r.value() != null && r.value().contains(machine)
                && r.value().contains("INVITE"))).hasSize(1);
    }

    @Test
    void liveInvitationCodesAreDistinct() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            String machine = desktop(FINANCE).session().machineId();
            create(HELPER, "demo", machine).statusCode(200);
            codes.add(current(machine).extract().path("invitation_code"));
        }
        assertThat(codes).hasSize(15).allMatch(code -> code.matches("[A-Z0-9]{8}"));
    }

    @Test
    void projectsPrivilegesAndUnknownDesktopsAreRefusedWithHuaweiErrors() {
        SessionSnapshot desktop = desktop(FINANCE);
        String machine = desktop.session().machineId();
        create(HELPER, "other-project", machine).statusCode(403).body("error_code", equalTo("WKS.1004"))
                .body("encoded_authorization_message", nullValue());
        create(AssistFixtures.operator(FINANCE, "REMOTE_ASSISTANCE").projects(List.of("other")).mint(), "demo", machine)
                .statusCode(403).body("error_code", equalTo("WKS.1004"));
        create(token(FINANCE, "MACHINE_VIEW"), "demo", machine).statusCode(403).body("error_code", equalTo("WKS.0403"));
        create(token(ENGINEERING, "REMOTE_ASSISTANCE"), "demo", machine).statusCode(403);
        create(HELPER, "demo", "no-such-desktop").statusCode(404).body("error_code", equalTo("WKS.1001"))
                .body("error_msg", equalTo("desktop no-such-desktop has no user session to assist"));
        current("no-such-desktop").statusCode(404).body("error_code", equalTo("WKS.1003"));
        given().post(path("demo", machine)).then().statusCode(401).body("error_code", equalTo("WKS.0401"));
        given().put(path("demo", machine)).then().statusCode(405).body("error_code", equalTo("WKS.0405"));
        // Huawei clients authenticate with X-Auth-Token.
        given().header("X-Auth-Token", HELPER).post(path("demo", machine)).then().statusCode(200);
    }
}
