package io.sessionplane.assist;


import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import io.sessionplane.localstack.testing.KafkaTestClient;
import io.sessionplane.localstack.testing.TestInfrastructure;
import io.sessionplane.localstack.testing.TokenMinter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Sessions, agent facts and tokens as assist-service sees them. */
final class AssistFixtures {
    /** The demo access-group tree: Root above Finance and Engineering, Contractors below Engineering. */
    static final String ROOT = "6fd4638a-381f-4518-aed6-042aa3d9f14c";
    static final String FINANCE = "2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11";
    static final String ENGINEERING = "8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22";
    static final String CONTRACTORS = "c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33";

    private AssistFixtures() {
    }

    /** A desktop session; returns it once published. */
    static SessionSnapshot desktop(KafkaTestClient kafka, String group, boolean federated) {
        String id = UUID.randomUUID().toString();
        String machine = "m-" + UUID.randomUUID();
        SessionInfo info = new SessionInfo(id, "g-" + id, group, "8.12.0", null, "S-1-5-21-42", false, null, "pool-1",
                null, null, 0L, 1000L, machine, null, federated, null, null, SessionState.CONNECTED, SessionType.DESKTOP,
                1_700_000_000_000L, false, "S-1-5-21-42");
        SessionSnapshot snapshot = new SessionSnapshot(info, federated ? "pod-us-east" : "pod-eu-west", "pod-eu-west",
                false, true, new SessionNames("CORP\\jdoe", "VDI-1", "vdi-1.corp.example.com", "Finance Desktops", null,
                        null, "Finance"), System.currentTimeMillis());
        kafka.send(Topics.SESSION_INVENTORY, id, JsonCodec.write(snapshot));
        return snapshot;
    }

    static void facts(KafkaTestClient kafka, String machine, boolean installed, String plugin, boolean osSupported) {
        AgentFacts facts = new AgentFacts(machine, installed, installed ? "agent-" + machine : null, "23.10", plugin,
                osSupported ? "Windows 11" : "Windows 7", osSupported, System.currentTimeMillis());
        kafka.send(Topics.ASSIST_AGENTS, machine, JsonCodec.write(facts));
    }

    static TokenMinter operator(String group, String... privileges) {
        return TestInfrastructure.get().tokens().user("LOCAL", "operator")
                .accessGroupPrivileges(Map.of(group, Set.of(privileges))).projects(List.of("demo"));
    }

    /** An administrator granted on Root, as session-service issues it: the grant expanded to every descendant. */
    static String rootAdmin(String... privileges) {
        Set<String> held = Set.of(privileges);
        return TestInfrastructure.get().tokens().user("LOCAL", "admin").accessGroupPrivileges(Map.of(ROOT, held,
                FINANCE, held, ENGINEERING, held, CONTRACTORS, held)).projects(List.of("demo")).mint();
    }

    static String token(String group, String... privileges) {
        return operator(group, privileges).mint();
    }
}
