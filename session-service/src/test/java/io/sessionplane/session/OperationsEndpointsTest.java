package io.sessionplane.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sessionplane.localstack.testing.LocalInfraResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAPI, health and metrics endpoints, as the platform team and API clients use them. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class OperationsEndpointsTest {

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndBody() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String path : List.of("/rest/login", "/rest/refresh", "/rest/logout", "/rest/inventory/v1/sessions",
                "/rest/inventory/v2/sessions", "/rest/inventory/v1/sessions/{id}",
                "/rest/inventory/v1/sessions/{id}/local-summary", "/rest/inventory/v1/global-sessions",
                "/rest/inventory/v1/sessions/action/{action}", "/rest/inventory/v1/global-sessions/action/{action}",
                "/rest/inventory/v1/session-commands/{command_id}")) {
            given().queryParam("format", "json").get("/q/openapi").then()
                    .body("paths", hasKey(path));
        }
        for (String schema : List.of("SessionInfo", "BulkItemResponseInfo", "HorizonError", "LoginRequest", "Tokens",
                "SessionLocalSummaryView", "GlobalSessionInfo", "PodActionResponse", "CommandStatusView")) {
            given().queryParam("format", "json").get("/q/openapi").then()
                    .body("components.schemas", hasKey(schema));
        }
        org.assertj.core.api.Assertions.assertThat(openapi.getMap("components.schemas.SessionInfo.properties"))
                .containsKeys("access_group_id", "client_data", "last_session_duration_ms", "session_state");
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/rest/inventory/v1/sessions'.get.responses.'200'.headers", hasKey("HAS_MORE_RECORDS"));
    }

    @Test
    void livenessAndReadinessReportTheirChecks() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(notNullValue());
    }
}
