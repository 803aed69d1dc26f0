package io.sessionplane.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.kit.auth.Caller;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plain unit tests (no server): what a caller's grants let it read, per record group. */
class AuditVisibilityTest {
    private static final String ROOT = "root";
    private static final String FINANCE = "finance";

    private static Caller caller(Map<String, Set<Privilege>> grants, Set<Privilege> federated) {
        return new Caller("LOCAL\\x", "LOCAL", grants, federated, Set.of());
    }

    @Test
    void aGroupGrantReadsThatGroupOnlyNeverRecordsWithoutAGroupOrOfOtherPods() {
        AuditVisibility v = AuditVisibility.of(caller(Map.of(FINANCE, Set.of(Privilege.GLOBAL_CONFIG_VIEW),
                ROOT, Set.of(Privilege.MACHINE_VIEW)), Set.of(Privilege.FEDERATED_SESSIONS_VIEW)),
                Privilege.GLOBAL_CONFIG_VIEW, ROOT);
        assertThat(v.groups()).containsExactly(FINANCE);
        assertThat(v.ungrouped()).isFalse();
        assertThat(v.federated()).isFalse();
        assertThat(v.nothing()).isFalse();
    }

    @Test
    void rootReadsRecordsWithoutAGroupAndOtherPodsOnlyWithFederatedView() {
        Map<String, Set<Privilege>> onRoot = Map.of(ROOT, Set.of(Privilege.GLOBAL_CONFIG_VIEW),
                FINANCE, Set.of(Privilege.GLOBAL_CONFIG_VIEW));
        AuditVisibility local = AuditVisibility.of(caller(onRoot, Set.of()), Privilege.GLOBAL_CONFIG_VIEW, ROOT);
        assertThat(local.groups()).containsExactlyInAnyOrder(ROOT, FINANCE);
        assertThat(local.ungrouped()).isTrue();
        assertThat(local.federated()).isFalse();
        AuditVisibility federated = AuditVisibility.of(caller(onRoot, Set.of(Privilege.FEDERATED_SESSIONS_VIEW)),
                Privilege.GLOBAL_CONFIG_VIEW, ROOT);
        assertThat(federated.federated()).isTrue();
    }

    @Test
    void anotherPrivilegeOnEveryGroupReadsNothing() {
        AuditVisibility v = AuditVisibility.of(caller(Map.of(ROOT, Set.of(Privilege.MACHINE_VIEW)),
                Set.of(Privilege.FEDERATED_SESSIONS_VIEW)), Privilege.GLOBAL_CONFIG_VIEW, ROOT);
        assertThat(v.nothing()).isTrue();
        assertThat(v.federated()).isFalse();
        assertThat(v.ungrouped()).isFalse();
    }
}
