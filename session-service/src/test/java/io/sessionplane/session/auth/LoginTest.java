package io.sessionplane.session.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.auth.tokencache.VerifiedTokens;
import io.sessionplane.localstack.keys.SigningKeys;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.localstack.testing.TokenMinter;
import io.sessionplane.session.support.DemoAccessGroups;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class LoginTest {

    private static Map<String, String> credentials(String domain, String user, String password) {
        return Map.of("domain", domain, "username", user, "password", password);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JsonCodec.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void adminGetsBothTokensWithEveryPrivilegeExpandedOverTheTree() throws Exception {
        String access = given().contentType(ContentType.JSON).body(credentials("LOCAL", "admin", "admin"))
                .post("/rest/login").then().statusCode(200)
                .body("refresh_token", notNullValue())
                .extract().path("access_token");
        JsonNode claims = claims(access);
        assertThat(claims.get("upn").asText()).isEqualTo("LOCAL\\admin");
        assertThat(claims.get("aud").toString()).contains("sessionplane");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
        JsonNode groups = claims.get("sp_ag_privileges");
        assertThat(groups.fieldNames()).toIterable().containsExactlyInAnyOrder(DemoAccessGroups.ROOT,
                DemoAccessGroups.FINANCE, DemoAccessGroups.ENGINEERING, DemoAccessGroups.CONTRACTORS);
        assertThat(groups.get(DemoAccessGroups.CONTRACTORS).toString()).contains("MACHINE_REBOOT", "REMOTE_ASSISTANCE");
        assertThat(claims.get("sp_federated_privileges").toString())
                .contains("FEDERATED_SESSIONS_VIEW", "FEDERATED_SESSIONS_MANAGE");
        assertThat(claims.get("sp_projects").toString()).contains("demo");
    }

    @Test
    void helpdeskHoldsItsPrivilegesOnFinanceOnly() throws Exception {
        String access = given().contentType(ContentType.JSON).body(credentials("local", "helpdesk", "helpdesk"))
                .post("/rest/login").then().statusCode(200).extract().path("access_token");
        JsonNode claims = claims(access);
        assertThat(claims.get("sp_ag_privileges").fieldNames()).toIterable().containsExactly(DemoAccessGroups.FINANCE);
        assertThat(claims.get("sp_ag_privileges").get(DemoAccessGroups.FINANCE).toString())
                .isEqualTo("[\"MACHINE_MANAGE_VDI_SESSION\",\"MACHINE_VIEW\",\"REMOTE_ASSISTANCE\"]");
        assertThat(claims.get("sp_federated_privileges").size()).isZero();
    }

    @Test
    void wrongCredentialsAre400WithTheSameMessageWhateverWasWrong() {
        for (Map<String, String> body : new Map[] {credentials("LOCAL", "admin", "wrong"),
                credentials("LOCAL", "nobody", "admin"), credentials("OTHER", "admin", "admin")}) {
            given().contentType(ContentType.JSON).body(body).post("/rest/login").then()
                    .statusCode(400)
                    .body("error_key", equalTo("login.invalid.credentials"))
                    .body("error_message", equalTo("invalid domain, user name or password"));
        }
    }

    @Test
    void repeatedFailuresForAnAccountAreThrottled() {
        String user = "guess-" + java.util.UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(credentials("LOCAL", user, "try-" + i)).post("/rest/login")
                    .then().statusCode(400).body("error_key", equalTo("login.invalid.credentials"));
        }
        given().contentType(ContentType.JSON).body(credentials("local", user, "try-6")).post("/rest/login").then()
                .statusCode(429).body("error_key", equalTo("login.too.many.failures"));
        // Other accounts are unaffected.
        given().contentType(ContentType.JSON).body(credentials("LOCAL", "viewer", "viewer")).post("/rest/login").then()
                .statusCode(200);
    }

    @Test
    void incompleteOrMalformedLoginBodiesAre400() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "admin"))
                .post("/rest/login").then().statusCode(400).body("error_key", equalTo("common.bad.request"));
        given().contentType(ContentType.JSON).body("{\"domain\":").post("/rest/login").then()
                .statusCode(400).body("error_key", equalTo("common.invalid.json"));
        given().contentType(ContentType.JSON).body("{\"domain\":\"LOCAL\",\"username\":[1],\"password\":\"x\"}")
                .post("/rest/login").then().statusCode(400).body("error_key", equalTo("common.invalid.json"));
        given().contentType(ContentType.TEXT).body("admin").post("/rest/login").then()
                .statusCode(415).body("error_key", equalTo("common.unsupported.media.type"));
    }

    @Test
    void refreshRotatesTheRefreshTokenUntilLogoutRevokesIt() {
        String first = given().contentType(ContentType.JSON).body(credentials("LOCAL", "admin", "admin"))
                .post("/rest/login").then().statusCode(200).header("Cache-Control", "no-store")
                .extract().path("refresh_token");

        var refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token", first))
                .post("/rest/refresh").then().statusCode(200).header("Cache-Control", "no-store").extract();
        String access = refreshed.path("access_token");
        String second = refreshed.path("refresh_token");
        assertThat(second).isNotBlank().isNotEqualTo(first);
        given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        String third = given().contentType(ContentType.JSON).body(Map.of("refresh_token", second))
                .post("/rest/refresh").then().statusCode(200).extract().path("refresh_token");

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", third)).post("/rest/logout").then()
                .statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", third)).post("/rest/refresh").then()
                .statusCode(400).body("error_key", equalTo("login.invalid.refresh.token"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", "made-up")).post("/rest/logout").then()
                .statusCode(400).body("error_key", equalTo("login.invalid.refresh.token"));
    }

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenIsVerifiedOnceThenAnsweredFromTheCacheAndStillRefusedOnceRevoked() {
        var login = given().contentType(ContentType.JSON).body(credentials("LOCAL", "helpdesk", "helpdesk"))
                .post("/rest/login").then().statusCode(200).extract();
        String access = login.path("access_token");
        given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        long hits = verifiedTokens.hits();
        given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        assertThat(verifiedTokens.hits()).isGreaterThanOrEqualTo(hits + 2);

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);
        given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(401)
                .body("error_key", equalTo("common.unauthorized"));
    }

    @Test
    void logoutEndsTheAccessTokensOfTheFamilyNotOnlyItsRefreshToken() {
        var login = given().contentType(ContentType.JSON).body(credentials("LOCAL", "helpdesk", "helpdesk"))
                .post("/rest/login").then().statusCode(200).extract();
        String firstAccess = login.path("access_token");
        var refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token",
                login.path("refresh_token"))).post("/rest/refresh").then().statusCode(200).extract();
        String secondAccess = refreshed.path("access_token");
        // Another login of the same operator (another browser) is another family.
        String otherDevice = given().contentType(ContentType.JSON).body(credentials("LOCAL", "helpdesk", "helpdesk"))
                .post("/rest/login").then().statusCode(200).extract().path("access_token");
        for (String access : new String[] {firstAccess, secondAccess, otherDevice}) {
            given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        }

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshed.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);

        for (String access : new String[] {firstAccess, secondAccess}) {
            given().auth().oauth2(access).get("/rest/inventory/v1/sessions?size=1").then().statusCode(401)
                    .body("error_key", equalTo("common.unauthorized"));
        }
        given().auth().oauth2(otherDevice).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        // Logging out again is harmless (a retry after a failed publish must be able to finish the job).
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshed.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);
    }

    @Test
    void theRevocationIsPublishedForEveryOtherInstanceAndService() {
        var login = given().contentType(ContentType.JSON).body(credentials("LOCAL", "admin", "admin"))
                .post("/rest/login").then().statusCode(200).extract();
        String access = login.path("access_token");
        String jti = claimText(access, "jti");
        long exp = Long.parseLong(claimText(access, "exp"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/rest/logout").then().statusCode(200);

        // What another replica reads: the revocation on auth.revocations.v1, keyed by the token id, until its exp.
        var revocation = KafkaTestClient.shared().readAll(Topics.AUTH_REVOCATIONS, record -> jti.equals(record.key()))
                .get(0);
        TokenRevocation value = JsonCodec.read(revocation.value(), TokenRevocation.class);
        assertThat(value.jti()).isEqualTo(jti);
        assertThat(value.expiresAt()).isEqualTo(exp * 1000);
        assertThat(value.reason()).isEqualTo(TokenRevocation.Reason.LOGOUT);
    }

    private static String claimText(String jwt, String claim) {
        try {
            return claims(jwt).path(claim).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeFamily() {
        String stolen = given().contentType(ContentType.JSON).body(credentials("LOCAL", "admin", "admin"))
                .post("/rest/login").then().statusCode(200).extract().path("refresh_token");
        var rotated = given().contentType(ContentType.JSON).body(Map.of("refresh_token", stolen))
                .post("/rest/refresh").then().statusCode(200).extract();
        String legitimate = rotated.path("refresh_token");
        String legitimateAccess = rotated.path("access_token");
        given().auth().oauth2(legitimateAccess).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);
        // The copy is presented again (by the thief or a replay): refused, and the family is revoked.
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", stolen)).post("/rest/refresh").then()
                .statusCode(400).body("error_key", equalTo("login.invalid.refresh.token"));
        // So are the family's access tokens, the ones the copy's holder may have obtained included.
        given().auth().oauth2(legitimateAccess).get("/rest/inventory/v1/sessions?size=1").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", legitimate)).post("/rest/refresh").then()
                .statusCode(400).body("error_key", equalTo("login.invalid.refresh.token"));
        // Another login's family is untouched.
        String other = given().contentType(ContentType.JSON).body(credentials("LOCAL", "admin", "admin"))
                .post("/rest/login").then().statusCode(200).extract().path("refresh_token");
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", other)).post("/rest/refresh").then()
                .statusCode(200);
    }

    @Test
    void expiredForgedAndGarbageTokensAre401() {
        TokenMinter valid = TestInfrastructure.get().tokens().accessGroupPrivileges(
                Map.of(DemoAccessGroups.ROOT, Set.of("MACHINE_VIEW")));
        given().auth().oauth2(valid.mint()).get("/rest/inventory/v1/sessions?size=1").then().statusCode(200);

        String expired = TestInfrastructure.get().tokens()
                .issued(Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(30)).mint();
        String forged = TokenMinter.signedWith(SigningKeys.foreignPrivateKey())
                .accessGroupPrivileges(Map.of(DemoAccessGroups.ROOT, Set.of("MACHINE_VIEW"))).mint();
        String tampered = tamper(valid.mint());
        // Signed with the right key, for the right issuer, but meant for another audience.
        String otherAudience = TestInfrastructure.get().tokens().audience("some-other-service")
                .accessGroupPrivileges(Map.of(DemoAccessGroups.ROOT, Set.of("MACHINE_VIEW"))).mint();
        for (String token : new String[] {expired, forged, tampered, otherAudience, "not-a-jwt"}) {
            given().auth().oauth2(token).get("/rest/inventory/v1/sessions?size=1").then()
                    .statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .body("error_key", equalTo("common.unauthorized"));
        }
    }

    /** Same signature, payload edited to grant more: the signature no longer matches. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("MACHINE_VIEW", "MACHINE_REBOOT");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
