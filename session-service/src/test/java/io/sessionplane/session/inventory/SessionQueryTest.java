package io.sessionplane.session.inventory;

import static io.sessionplane.session.support.SessionFixture.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.LocalInfraResource;
import io.sessionplane.session.support.Api;
import io.sessionplane.session.support.DemoAccessGroups;
import io.sessionplane.session.support.SessionFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Horizon filter grammar, paging and visibility over a fixed set of sessions tagged with this run's agent
 * version, so other tests' sessions never interfere.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
class SessionQueryTest {
    private static final String marker = "q-" + UUID.randomUUID();
    private static final List<SessionFixture> all = new ArrayList<>();
    private static SessionFixture financeConnected;
    private static SessionFixture financeDisconnected;
    private static SessionFixture engineeringApp;
    private static SessionFixture contractorsRdp;
    private static SessionFixture remote;

    /** Once per class, inside the first test (the application is surely up by then). */
    @BeforeEach
    void publishSessions() {
        if (!all.isEmpty()) {
            return;
        }
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            financeConnected = add(session().group(DemoAccessGroups.FINANCE).startTime(1000).clientName("FIN-PC-1")
                    .user("S-1-5-21-100", "CORP\\alice"));
            financeDisconnected = add(session().group(DemoAccessGroups.FINANCE).state(SessionState.DISCONNECTED)
                    .startTime(2000).clientName("FIN-PC-2"));
            engineeringApp = add(session().group(DemoAccessGroups.ENGINEERING).application("Calculator", "Paint")
                    .startTime(3000).clientName("ENG_50%_PC"));
            contractorsRdp = add(session().group(DemoAccessGroups.CONTRACTORS).protocol(SessionProtocol.RDP)
                    .startTime(4000).clientName("CONTRACTOR-1"));
            remote = add(session().group(DemoAccessGroups.FINANCE).federated().startTime(5000).clientName("REMOTE-1"));
            all.forEach(fixture -> fixture.agentVersion(marker).publish(kafka));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids("admin", null)).hasSize(5));
    }

    private static SessionFixture add(SessionFixture fixture) {
        all.add(fixture);
        return fixture;
    }

    /** The ids a user sees for a filter, and-ed with this run's marker. */
    private List<String> ids(String user, String filter) {
        return list(user, filter, "").jsonPath().getList("id");
    }

    private Response list(String user, String filter, String extraQuery) {
        String scoped = "{\"type\":\"Equals\",\"name\":\"agent_version\",\"value\":\"" + marker + "\"}";
        String combined = filter == null ? scoped : "{\"type\":\"And\",\"filters\":[" + scoped + "," + filter + "]}";
        return Api.as(user).queryParam("filter", combined).get("/rest/inventory/v1/sessions" + extraQuery);
    }

    @Test
    void comparisonOperators() {
        assertThat(ids("admin", "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"DISCONNECTED\"}"))
                .containsExactly(financeDisconnected.id());
        assertThat(ids("admin", "{\"type\":\"NotEquals\",\"name\":\"session_state\",\"value\":\"CONNECTED\"}"))
                .containsExactly(financeDisconnected.id());
        assertThat(ids("admin", "{\"type\":\"Contains\",\"name\":\"application_names\",\"value\":\"Paint\"}"))
                .containsExactly(engineeringApp.id());
        assertThat(ids("admin", "{\"type\":\"StartsWith\",\"name\":\"client_data.name\",\"value\":\"fin-\"}"))
                .containsExactlyInAnyOrder(financeConnected.id(), financeDisconnected.id());
        assertThat(ids("admin", "{\"type\":\"EndsWith\",\"name\":\"client_data.name\",\"value\":\"-1\"}"))
                .containsExactlyInAnyOrder(financeConnected.id(), contractorsRdp.id(), remote.id());
        // % and _ in a value are literal characters, not wildcards.
        assertThat(ids("admin", "{\"type\":\"Contains\",\"name\":\"client_data.name\",\"value\":\"_50%_\"}"))
                .containsExactly(engineeringApp.id());
        assertThat(ids("admin", "{\"type\":\"Contains\",\"name\":\"client_data.name\",\"value\":\"%\"}"))
                .containsExactly(engineeringApp.id());
        assertThat(ids("admin", "{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"S-1-5-21-100\"}"))
                .containsExactly(financeConnected.id());
        assertThat(ids("admin", "{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":true}"))
                .containsExactly(remote.id());
    }

    @Test
    void helpdeskSearchesByTheNamesUsersTellThem() {
        // Names are not SessionInfo fields: the read model keeps the ones the agent reports, for search and sort.
        assertThat(ids("admin", "{\"type\":\"Contains\",\"name\":\"user_name\",\"value\":\"ALICE\"}"))
                .containsExactly(financeConnected.id());
        String machine = financeDisconnected.snapshot().names().machineName();
        assertThat(ids("admin", "{\"type\":\"Equals\",\"name\":\"machine_name\",\"value\":\"" + machine
                + "\"}")).containsExactly(financeDisconnected.id());
        assertThat(ids("admin", "{\"type\":\"StartsWith\",\"name\":\"machine_dns_name\",\"value\":\""
                + machine.toLowerCase() + ".\"}")).containsExactly(financeDisconnected.id());
        // The same scoping as every other field: helpdesk sees only Finance.
        assertThat(ids("helpdesk", "{\"type\":\"Contains\",\"name\":\"user_name\",\"value\":\"e\"}"))
                .contains(financeConnected.id(), financeDisconnected.id())
                .doesNotContain(engineeringApp.id(), contractorsRdp.id());
        assertThat(list("admin", null, "?sort_by=user_name&order_by=ASC").jsonPath().getList("id"))
                .startsWith(financeConnected.id());
    }

    @Test
    void betweenAndNestedBooleanFilters() {
        assertThat(ids("admin", "{\"type\":\"Between\",\"name\":\"start_time\",\"from_value\":2000,\"to_value\":4000}"))
                .containsExactlyInAnyOrder(financeDisconnected.id(), engineeringApp.id(), contractorsRdp.id());
        assertThat(ids("admin", "{\"type\":\"Between\",\"name\":\"start_time\",\"fromValue\":4500,\"toValue\":9000}"))
                .containsExactly(remote.id());
        String nested = """
                {"type":"Or","filters":[
                   {"type":"And","filters":[
                      {"type":"Equals","name":"access_group_id","value":"%s"},
                      {"type":"Not","filter":{"type":"Equals","name":"session_state","value":"CONNECTED"}}]},
                   {"type":"Equals","name":"session_protocol","value":"RDP"}]}
                """.formatted(DemoAccessGroups.FINANCE);
        assertThat(ids("admin", nested)).containsExactlyInAnyOrder(financeDisconnected.id(), contractorsRdp.id());
        // Not over a field that is unset (session_protocol of a disconnected session) keeps the row.
        assertThat(ids("admin", "{\"type\":\"Not\",\"filter\":{\"type\":\"Equals\",\"name\":\"session_protocol\","
                + "\"value\":\"BLAST\"}}")).containsExactlyInAnyOrder(financeDisconnected.id(), contractorsRdp.id());
    }

    @Test
    void pagesAreStableAndSayWhenMoreExist() {
        Response first = list("admin", null, "?size=2&page=1&sort_by=start_time&order_by=ASC");
        first.then().statusCode(200).header("HAS_MORE_RECORDS", "TRUE");
        Response second = list("admin", null, "?size=2&page=2&sort_by=start_time&order_by=ASC");
        second.then().statusCode(200).header("HAS_MORE_RECORDS", "TRUE");
        Response third = list("admin", null, "?size=2&page=3&sort_by=start_time&order_by=ASC");
        third.then().statusCode(200).header("HAS_MORE_RECORDS", (String) null);
        List<String> paged = new ArrayList<>();
        paged.addAll(first.jsonPath().getList("id"));
        paged.addAll(second.jsonPath().getList("id"));
        paged.addAll(third.jsonPath().getList("id"));
        assertThat(paged).containsExactly(financeConnected.id(), financeDisconnected.id(), engineeringApp.id(),
                contractorsRdp.id(), remote.id());

        list("admin", null, "?size=5").then().header("HAS_MORE_RECORDS", (String) null);
        assertThat(list("admin", null, "?size=2&page=9").jsonPath().getList("$")).isEmpty();
        assertThat(list("admin", null, "?sort_by=start_time&order_by=DESC").jsonPath().<String>getList("id").get(0))
                .isEqualTo(remote.id());
        list("admin", null, "?size=1000").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?size=1001", "?size=0", "?page=0", "?page=abc", "?size=-1", "?sort_by=user_id",
            "?sort_by=start_time&order_by=SIDEWAYS"})
    void badPagingIs400(String query) {
        list("admin", null, query).then().statusCode(400).body("error_key", equalTo("common.invalid.filter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"Equals\",\"name\":\"password\",\"value\":\"x\"}",
            "{\"type\":\"Equals\",\"name\":\"start_time\",\"value\":\"yesterday\"}",
            "{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":\"ASLEEP\"}",
            "{\"type\":\"Between\",\"name\":\"user_id\",\"from_value\":1,\"to_value\":2}",
            "{\"type\":\"Like\",\"name\":\"user_id\",\"value\":\"x\"}",
            "{\"type\":\"And\",\"filters\":[]}",
            "{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"x\"", "not json at all", "[1,2]"})
    void badFiltersAre400AndNeverAServerError(String filter) {
        Api.as("admin").queryParam("filter", filter).get("/rest/inventory/v1/sessions").then()
                .statusCode(400)
                .body("error_key", equalTo("common.invalid.filter"))
                .body("error_message", notNullValue());
    }

    @Test
    void unstorableCharactersAndOversizedFiltersAreClientErrors() {
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"a\\u0000\"}")
                .get("/rest/inventory/v1/sessions").then().statusCode(400).body("error_key", equalTo("common.invalid.filter"));
        Api.as("admin").urlEncodingEnabled(false).get("/rest/inventory/v1/sessions/a%00b").then().statusCode(400)
                .body("error_key", equalTo("common.invalid.argument"));
        Api.as("admin").queryParam("filter", "{".repeat(20_000)).get("/rest/inventory/v1/sessions").then()
                .statusCode(400).body("error_message", org.hamcrest.Matchers.containsString("longer than"));
    }

    @Test
    void callersOnlySeeSessionsOfTheirAccessGroupsAndFederationPrivileges() {
        assertThat(ids("helpdesk", null)).containsExactlyInAnyOrder(financeConnected.id(), financeDisconnected.id());
        assertThat(ids("viewer", null)).containsExactlyInAnyOrder(financeConnected.id(), financeDisconnected.id(),
                engineeringApp.id(), contractorsRdp.id());
        assertThat(ids("poolmgr", null)).containsExactlyInAnyOrder(engineeringApp.id(), contractorsRdp.id());
        assertThat(ids("federated", null)).containsExactly(remote.id());
        assertThat(ids("rebooter", null)).containsExactlyInAnyOrder(financeConnected.id(), financeDisconnected.id());

        Api.as("helpdesk").get("/rest/inventory/v1/sessions/{id}", engineeringApp.id()).then()
                .statusCode(403).body("error_key", equalTo("common.insufficient.privileges"));
        Api.as("helpdesk").get("/rest/inventory/v1/sessions/{id}", remote.id()).then().statusCode(403);
        Api.as("federated").get("/rest/inventory/v1/sessions/{id}", remote.id()).then().statusCode(200);
    }

    @Test
    void aListShowsEachSessionFieldForFieldAsItsOwnReadDoes() {
        // Lists are rendered from the stored snapshot by PostgreSQL, the single read through the record: both must
        // show the same session, the v1 list without its guid.
        String byId = "{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + remote.id() + "\"}";
        Map<String, Object> read = Api.as("admin").get("/rest/inventory/v1/sessions/{id}", remote.id()).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        // Accept: application/json, as the console and most clients send it.
        List<Map<String, Object>> v1 = Api.as("admin").accept(ContentType.JSON).queryParam("filter", byId)
                .get("/rest/inventory/v1/sessions").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("$");
        List<Map<String, Object>> v2 = Api.as("admin").accept(ContentType.JSON).queryParam("filter", byId)
                .get("/rest/inventory/v2/sessions").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("$");

        assertThat(read).containsKeys("client_data", "security_gateway_data", "session_state").doesNotContainKey("guid");
        assertThat(v1).containsExactly(read);
        Map<String, Object> withGuid = new HashMap<>(read);
        withGuid.put("guid", "guid-" + remote.id());
        assertThat(v2).containsExactly(withGuid);
    }

    @Test
    void v2AddsTheGuid() {
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + remote.id() + "\"}")
                .get("/rest/inventory/v2/sessions").then().statusCode(200)
                .body("[0].guid", equalTo("guid-" + remote.id()));
        Api.as("admin").queryParam("filter", "{\"type\":\"Equals\",\"name\":\"id\",\"value\":\"" + remote.id() + "\"}")
                .get("/rest/inventory/v1/sessions").then().statusCode(200)
                .body("[0]", not(hasKey("guid")));
    }

    @Test
    void localSummaryHasTheSoapNamesAndSessionData() {
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}/local-summary", financeConnected.id()).then()
                .statusCode(200)
                .body("id", equalTo(financeConnected.id()))
                .body("names_data.user_name", equalTo("CORP\\alice"))
                .body("names_data.client_name", equalTo("FIN-PC-1"))
                .body("names_data.access_group_name", equalTo("Finance"))
                .body("reference_data.access_group", equalTo(DemoAccessGroups.FINANCE))
                .body("session_data.session_state", equalTo("CONNECTED"))
                .body("session_data.locked", equalTo(false));
        Api.as("helpdesk").get("/rest/inventory/v1/sessions/{id}/local-summary", engineeringApp.id()).then()
                .statusCode(403);
        Api.as("admin").get("/rest/inventory/v1/sessions/{id}/local-summary", "nope").then().statusCode(404);
    }

    @Test
    void globalSessionsNeedExactlyOneScope() {
        Api.as("admin").queryParam("pod_id", DemoAccessGroups.REMOTE_POD).get("/rest/inventory/v1/global-sessions")
                .then().statusCode(200)
                .body("find { it.id == '" + remote.id() + "' }.pod_id", equalTo(DemoAccessGroups.REMOTE_POD))
                .body("find { it.id == '" + remote.id() + "' }.brokering_pod_id", equalTo(DemoAccessGroups.LOCAL_POD));
        Api.as("admin").queryParam("user_id", "S-1-5-21-100").get("/rest/inventory/v1/global-sessions").then()
                .statusCode(200).body("id", org.hamcrest.Matchers.hasItem(financeConnected.id()));
        Api.as("admin").get("/rest/inventory/v1/global-sessions").then().statusCode(400)
                .body("error_key", equalTo("common.invalid.argument"));
        Api.as("admin").queryParam("pod_id", "a").queryParam("user_id", "b").get("/rest/inventory/v1/global-sessions")
                .then().statusCode(400);
        Api.as("helpdesk").queryParam("pod_id", DemoAccessGroups.REMOTE_POD).get("/rest/inventory/v1/global-sessions")
                .then().statusCode(200).body("id", not(org.hamcrest.Matchers.hasItem(remote.id())));
    }
}
