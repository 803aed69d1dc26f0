package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes's NetworkPolicies, read as a NetworkPolicy-enforcing CNI reads them (ingress only, the
 * union of every policy that selects a pod): who may reach the API pods and the database instances, and on which
 * ports.
 */
class NetworkPolicyTest {
    /** A CloudNativePG instance pod of the cluster in postgres.yaml, as the operator labels it. */
    private static final Map<String, String> DATABASE_POD = Map.of("cnpg.io/cluster", "sessionplane-db",
            "cnpg.io/podRole", "instance", "cnpg.io/instanceName", "sessionplane-db-1");

    /** Where a connection comes from: its namespace's name and labels, and its pod's labels. */
    record Source(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        static Source pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
            Map<String, String> labels = new java.util.HashMap<>(namespaceLabels);
            // Kubernetes labels every namespace with its own name.
            labels.put("kubernetes.io/metadata.name", namespace);
            return new Source(namespace, labels, podLabels);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseOperatorManagesItsInstancesAndNothingElseFromOutsideReachesThem(String overlay) throws Exception {
        List<NetworkPolicy> policies = policies(overlay);
        Source operator = Source.pod("cnpg-system", Map.of(), Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        assertThat(admits(policies, DATABASE_POD, operator, 8000)).as("operator → instance status").isTrue();
        assertThat(admits(policies, DATABASE_POD, operator, 5432)).as("operator → PostgreSQL").isTrue();
        Source session = Source.pod(namespace(policies), Map.of(), apiPodLabels(overlay, "session-service"));
        assertThat(admits(policies, DATABASE_POD, session, 5432)).as("session-service → PostgreSQL").isTrue();
        Source stranger = Source.pod("default", Map.of(), Map.of("app", "anything"));
        assertThat(admits(policies, DATABASE_POD, stranger, 5432)).as("another namespace → PostgreSQL").isFalse();
        assertThat(admits(policies, DATABASE_POD, operator, 22)).as("operator → another port").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayAndPrometheusReachTheApiPodsOnlyFromTheirLabelledNamespaces(String overlay) throws Exception {
        List<NetworkPolicy> policies = policies(overlay);
        Source gateway = Source.pod("envoy-gateway-system", Map.of("sessionplane.io/gateway-access", "true"),
                Map.of("app", "envoy"));
        Source prometheus = Source.pod("monitoring", Map.of("sessionplane.io/metrics-access", "true"),
                Map.of("app.kubernetes.io/name", "prometheus"));
        Source unlabelled = Source.pod("monitoring", Map.of(), Map.of("app.kubernetes.io/name", "prometheus"));
        for (String service : KubernetesManifestsTest.API_SERVICES) {
            Map<String, String> pod = apiPodLabels(overlay, service);
            assertThat(admits(policies, pod, gateway, 8080)).as("gateway → " + service).isTrue();
            assertThat(admits(policies, pod, prometheus, 8080)).as("Prometheus → " + service).isTrue();
            assertThat(admits(policies, pod, unlabelled, 8080)).as("unlabelled namespace → " + service).isFalse();
            assertThat(admits(policies, pod, prometheus, 5005)).as("Prometheus → another port").isFalse();
        }
    }

    /** The namespace the overlay puts everything in (the policies' own). */
    private static String namespace(List<NetworkPolicy> policies) {
        return policies.get(0).getMetadata().getNamespace();
    }

    private static List<NetworkPolicy> policies(String overlay) throws Exception {
        List<NetworkPolicy> policies = new java.util.ArrayList<>();
        for (JsonNode node : Manifests.ofKind(Manifests.documents(overlay), "NetworkPolicy")) {
            policies.add(Manifests.JSON.treeToValue(node, NetworkPolicy.class));
        }
        return policies;
    }

    private static Map<String, String> apiPodLabels(String overlay, String name) throws Exception {
        for (JsonNode node : Manifests.ofKind(Manifests.documents(overlay), "Deployment")) {
            Deployment deployment = Manifests.JSON.treeToValue(node, Deployment.class);
            if (deployment.getMetadata().getName().equals(name)) {
                return deployment.getSpec().getTemplate().getMetadata().getLabels();
            }
        }
        throw new AssertionError("no Deployment " + name);
    }

    /** Whether a connection to {@code port} of a pod of this namespace with {@code target} labels is admitted. */
    static boolean admits(List<NetworkPolicy> policies, Map<String, String> target, Source source, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes() == null || p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), target)).toList();
        if (selecting.isEmpty()) {
            return true; // a pod no policy selects accepts everything
        }
        return selecting.stream().anyMatch(p -> p.getSpec().getIngress() != null && p.getSpec().getIngress().stream()
                .anyMatch(rule -> admits(rule, source, port, p.getMetadata().getNamespace())));
    }

    private static boolean admits(NetworkPolicyIngressRule rule, Source source, int port, String namespace) {
        boolean portOk = rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                .anyMatch(p -> p.getPort() == null
                        || p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
        boolean peerOk = rule.getFrom() == null || rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(peer -> admits(peer, source, namespace));
        return portOk && peerOk;
    }

    /** A peer without a namespace selector means pods of the policy's own namespace. */
    private static boolean admits(NetworkPolicyPeer peer, Source source, String namespace) {
        if (peer.getIpBlock() != null) {
            return false; // no test source is addressed by IP
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null ? source.namespace().equals(namespace)
                : matches(peer.getNamespaceSelector(), source.namespaceLabels());
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), source.podLabels());
        return namespaceOk && podOk;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
