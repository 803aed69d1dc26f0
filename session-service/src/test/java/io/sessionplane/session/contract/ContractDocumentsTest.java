package io.sessionplane.session.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sessionplane.contracts.kafka.TopicSchemas;
import io.sessionplane.localstack.testing.LocalInfraResource;
import org.junit.jupiter.api.Test;

/** The event contract is served as shipped, without a token: the AsyncAPI document and every payload schema. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class ContractDocumentsTest {

    @Test
    void theAsyncApiDocumentAndEverySchemaAreServed() {
        given().get("/asyncapi.yaml").then().statusCode(200).contentType(containsString("application/yaml"))
                .header("Cache-Control", "no-cache").body(containsString("asyncapi: 3.0"))
                .body(containsString("session.events.v1"));
        TopicSchemas.byTopic().values().stream().distinct().forEach(file ->
                given().get("/schemas/{file}", file).then().statusCode(200)
                        .contentType(containsString("application/schema+json"))
                        .body("$id", equalTo(TopicSchemas.ID_BASE + file)));
    }

    @Test
    void nothingElseIsServedFromThere() {
        given().get("/schemas/{file}", "no-such.v1.json").then().statusCode(404)
                .body("error_key", equalTo("common.not.found"));
        given().get("/schemas/..%2Fapplication.properties").then().statusCode(404);
        given().get("/schemas/asyncapi.yaml").then().statusCode(404);
    }
}
