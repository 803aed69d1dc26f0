package io.sessionplane.session.support;

import static org.awaitility.Awaitility.await;

import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import io.sessionplane.localstack.testing.KafkaTestClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds session snapshots the way an agent publishes them, with overridable defaults. */
public final class SessionFixture {
    private String id = UUID.randomUUID().toString();
    private String accessGroup = DemoAccessGroups.FINANCE;
    private SessionState state = SessionState.CONNECTED;
    private SessionType type = SessionType.DESKTOP;
    private SessionProtocol protocol = SessionProtocol.BLAST;
    private String podId = DemoAccessGroups.LOCAL_POD;
    private boolean brokeredRemotely;
    private boolean resourcedRemotely;
    private boolean locked;
    private boolean vcenterManaged = true;
    private String farmId;
    private String userId = "S-1-5-21-1111111111-2222222222-3333333333-" + (1000 + (int) (Math.random() * 8000));
    private String userName = "EXAMPLE\\jdoe";
    private long startTime = 1_700_000_000_000L;
    private long observedAt = System.currentTimeMillis();
    private String agentVersion = "8.12.0";
    private List<String> applications;
    private String clientName = "LAPTOP-42";

    public static SessionFixture session() {
        return new SessionFixture();
    }

    public SessionFixture id(String value) {
        id = value;
        return this;
    }

    public SessionFixture group(String value) {
        accessGroup = value;
        return this;
    }

    public SessionFixture state(SessionState value) {
        state = value;
        return this;
    }

    public SessionFixture application(String... names) {
        type = SessionType.APPLICATION;
        applications = List.of(names);
        farmId = "farm-" + id;
        return this;
    }

    public SessionFixture rdsDesktop() {
        farmId = "farm-" + id;
        return this;
    }

    public SessionFixture protocol(SessionProtocol value) {
        protocol = value;
        return this;
    }

    /** A session of another pod, brokered here. */
    public SessionFixture federated() {
        podId = DemoAccessGroups.REMOTE_POD;
        resourcedRemotely = true;
        return this;
    }

    public SessionFixture pod(String value) {
        podId = value;
        return this;
    }

    public SessionFixture locked() {
        locked = true;
        return this;
    }

    public SessionFixture notVcenterManaged() {
        vcenterManaged = false;
        return this;
    }

    public SessionFixture user(String sid, String name) {
        userId = sid;
        userName = name;
        return this;
    }

    public SessionFixture startTime(long value) {
        startTime = value;
        return this;
    }

    public SessionFixture observedAt(long value) {
        observedAt = value;
        return this;
    }

    public SessionFixture agentVersion(String value) {
        agentVersion = value;
        return this;
    }

    public SessionFixture clientName(String value) {
        clientName = value;
        return this;
    }

    public String id() {
        return id;
    }

    public SessionSnapshot snapshot() {
        SessionInfo info = new SessionInfo(id, "guid-" + id, accessGroup, agentVersion, applications,
                userId, brokeredRemotely, new ClientData("10.1.2.3", "loc-1", clientName, "WINDOWS", "8.12.1"),
                farmId == null ? "pool-" + accessGroup.substring(0, 8) : null,
                state == SessionState.DISCONNECTED ? startTime + 60_000 : null, farmId, 3L, 120_000L,
                farmId == null ? "machine-" + id : null, farmId == null ? null : "rds-" + id, resourcedRemotely,
                new SecurityGatewayData("10.9.9.9", "uag.example.com", "EXTERNAL"),
                state == SessionState.DISCONNECTED ? null : protocol, state, type, startTime, false, userId);
        return new SessionSnapshot(info, podId, DemoAccessGroups.LOCAL_POD, locked, vcenterManaged,
                new SessionNames(userName, "VDI-" + id.substring(0, 6), "vdi-" + id.substring(0, 6) + ".example.com",
                        "Finance Desktops", applications == null ? null : "Office Apps", farmId == null ? null : "Farm 1",
                        "Finance"), observedAt);
    }

    /** Publishes every snapshot and waits until the read model serves each of them. */
    public static void publishAndAwait(Collection<SessionFixture> sessions) {
        KafkaTestClient kafka = KafkaTestClient.shared();
        sessions.forEach(fixture -> fixture.publish(kafka));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> sessions.forEach(fixture ->
                Api.as("admin").get("/rest/inventory/v1/sessions/{id}", fixture.id()).then().statusCode(200)));
    }

    public static void publishAndAwait(SessionFixture... sessions) {
        publishAndAwait(List.of(sessions));
    }

    /** Publishes the snapshot on session.inventory.v1, keyed by session id, with CloudEvents headers. */
    public SessionFixture publish(KafkaTestClient kafka) {
        kafka.send(Topics.SESSION_INVENTORY, id, JsonCodec.write(snapshot()), Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, CloudEventHeaders.TYPE_SESSION_SNAPSHOT, CloudEventHeaders.SOURCE, "/test/agent",
                CloudEventHeaders.SUBJECT, id, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        return this;
    }
}
