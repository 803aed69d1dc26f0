package io.sessionplane.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sessionplane.localstack.testing.LocalInfraResource;
import org.junit.jupiter.api.Test;

/** OpenAPI, health and metrics endpoints, as the platform team and API clients use them. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class OperationsEndpointsTest {

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndBody() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertThat(openapi.getMap("paths")).containsKeys("/rest/login", "/rest/refresh", "/rest/logout",
                "/rest/inventory/v1/sessions", "/rest/inventory/v2/sessions", "/rest/inventory/v1/sessions/{id}",
                "/rest/inventory/v1/sessions/{id}/local-summary", "/rest/inventory/v1/global-sessions",
                "/rest/inventory/v1/sessions/action/{action}", "/rest/inventory/v1/global-sessions/action/{action}",
                "/rest/inventory/v1/session-commands/{command_id}");
        assertThat(openapi.getMap("components.schemas")).containsKeys("SessionInfo", "BulkItemResponseInfo",
                "HorizonError", "LoginRequest", "Tokens", "SessionLocalSummaryView", "GlobalSessionInfo",
                "PodActionResponse", "CommandStatusView");
        assertThat(openapi.getMap("components.schemas.SessionInfo.properties"))
                .containsKeys("access_group_id", "client_data", "last_session_duration_ms", "session_state");
        assertThat(openapi.getMap("paths.'/rest/inventory/v1/sessions'.get.responses.'200'.headers"))
                .containsKey("HAS_MORE_RECORDS");
    }

    @Test
    void livenessAndReadinessReportTheirChecks() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("postgresql"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("kafka"));
        given().get("/q/health/started").then().statusCode(200);
        // The Prometheus/OpenMetrics exposition a scraper reads.
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
