package io.sessionplane.assist;

import static io.restassured.RestAssured.given;
import static io.sessionplane.assist.AssistFixtures.ENGINEERING;
import static io.sessionplane.assist.AssistFixtures.FINANCE;
import static io.sessionplane.assist.AssistFixtures.token;
import static io.sessionplane.assist.ShareSpaceTest.create;
import static io.sessionplane.assist.ShareSpaceTest.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may read and cancel a share space is decided from the space's own access group, and its secrets (invitation
 * code, password, links) go only to operators who may assist there; a refusal says nothing of the space.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "assist"))
class ShareSpaceAccessTest {
    static final String FINANCE_HELPDESK = token(FINANCE, "MACHINE_VIEW", "REMOTE_ASSISTANCE");
    static final String ENGINEERING_HELPDESK = token(ENGINEERING, "MACHINE_VIEW", "REMOTE_ASSISTANCE");

    static ValidatableResponse read(String token, String desktop) {
        return given().auth().oauth2(token).get(path("demo", desktop)).then();
    }

    @Test
    void aHelpdeskScopedToFinanceCannotReadOrCancelAnotherGroupsSpace() {
        String machine = ShareSpaceTest.desktop(ENGINEERING).session().machineId();
        create(ENGINEERING_HELPDESK, "demo", machine).statusCode(200);
        ValidatableResponse own = read(ENGINEERING_HELPDESK, machine).statusCode(200);
        String code = own.extract().path("invitation_code");
        String password = own.extract().path("share_space_passwd");
        assertThat(code).matches("[A-Z0-9]{8}");
        assertThat(password).matches("[A-Za-z0-9]{12}");

        String refused = read(FINANCE_HELPDESK, machine).statusCode(403).body("error_code", equalTo("WKS.0403"))
                .extract().asString();
        assertThat(refused).doesNotContain(code).doesNotContain(password).doesNotContain("share_space_passwd")
                .doesNotContain("invitation_code");
        String cancel = given().auth().oauth2(FINANCE_HELPDESK).delete(path("demo", machine)).then().statusCode(403)
                .body("error_code", equalTo("WKS.0403")).extract().asString();
        assertThat(cancel).doesNotContain(code).doesNotContain(password);
        read(ENGINEERING_HELPDESK, machine).statusCode(200).body("status", equalTo("WAIT_USER_CONFIRM"));
    }

    @Test
    void aHelpdeskReadsItsOwnGroupsSpaceAndAnAdministratorOnRootReadsEvery() {
        String finance = ShareSpaceTest.desktop(FINANCE).session().machineId();
        String engineering = ShareSpaceTest.desktop(ENGINEERING).session().machineId();
        create(FINANCE_HELPDESK, "demo", finance).statusCode(200);
        create(ENGINEERING_HELPDESK, "demo", engineering).statusCode(200);
        read(FINANCE_HELPDESK, finance).statusCode(200).body("invitation_code", matchesPattern("[A-Z0-9]{8}"))
                .body("share_space_passwd", matchesPattern("[A-Za-z0-9]{12}"));
        String admin = AssistFixtures.rootAdmin("MACHINE_VIEW", "REMOTE_ASSISTANCE");
        for (String machine : new String[] {finance, engineering}) {
            read(admin, machine).statusCode(200).body("invitation_code", matchesPattern("[A-Z0-9]{8}"))
                    .body("share_space_passwd", matchesPattern("[A-Za-z0-9]{12}"));
        }
        given().auth().oauth2(admin).delete(path("demo", engineering)).then().statusCode(204);
    }

    @Test
    void aViewerWithoutAssistPrivilegeSeesTheStatusButNothingToJoinWith() {
        String machine = ShareSpaceTest.desktop(FINANCE).session().machineId();
        create(FINANCE_HELPDESK, "demo", machine).statusCode(200);
        String password = read(FINANCE_HELPDESK, machine).statusCode(200).extract().path("share_space_passwd");
        String viewer = token(FINANCE, "MACHINE_VIEW");
        String body = read(viewer, machine).statusCode(200).body("status", equalTo("WAIT_USER_CONFIRM"))
                .body("invitation_code", nullValue()).body("share_space_passwd", nullValue())
                .body("private_share_link", nullValue()).body("internet_share_link", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(password);
        given().auth().oauth2(viewer).delete(path("demo", machine)).then().statusCode(403);
    }

    @Test
    void aFederatedDesktopsSpaceNeedsFederatedPrivileges() {
        SessionSnapshot remote = AssistFixtures.desktop(ShareSpaceTest.kafka, FINANCE, true);
        String federatedManager = AssistFixtures.operator(FINANCE)
                .federatedPrivileges(Set.of("FEDERATED_SESSIONS_VIEW", "FEDERATED_SESSIONS_MANAGE"))
                .accessGroupPrivileges(Map.of()).mint();
        String machine = remote.session().machineId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> create(federatedManager, "demo", machine)
                .statusCode(200));
        read(federatedManager, machine).statusCode(200).body("share_space_passwd", matchesPattern("[A-Za-z0-9]{12}"));
        // Local privileges on the session's group do not reach another pod's session.
        read(FINANCE_HELPDESK, machine).statusCode(403).body("share_space_passwd", nullValue());
    }
}
