package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sessionplane.contracts.kafka.TopicSpec;
import io.sessionplane.contracts.kafka.Topics;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/kubernetes: both overlays render, validate against their schemas and follow the platform's rules. */
class KubernetesManifestsTest {
    static final List<String> API_SERVICES = List.of("session-service", "assist-service", "audit-service");
    /** What the gateway routes to: the API services and the console (static files, no Kafka, no database). */
    static final List<String> ROUTED = List.of("session-service", "assist-service", "audit-service", "console");
    static final Map<String, Class<?>> TYPED = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "Gateway", Gateway.class, "HTTPRoute", HTTPRoute.class);
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDocumentValidatesAgainstItsKubernetesOrCrdSchema(String overlay) {
        Tools.requireValidationPackages();
        Tools.Result result = Tools.run(Tools.VALIDATION, Map.of(), List.of("node", "validate-manifests.mjs",
                Manifests.write(overlay).toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("(?m)^" + Manifests.documents(overlay).size() + " passed, 0 failed$");
    }

    @Test
    void theSchemaValidatorRejectsBrokenManifests() throws Exception {
        everyDocumentValidatesAgainstItsKubernetesOrCrdSchema("dev");
        String broken = Manifests.render("dev")
                .replaceFirst("partitions: 6", "partitions: six")
                .replaceFirst("containerPort: 8080", "containerPort: http-port")
                .replaceFirst("type: PathPrefix", "type: Prefix");
        Path file = Files.createTempFile("broken", ".yaml");
        Files.writeString(file, broken);
        Tools.Result result = Tools.run(Tools.VALIDATION, Map.of(),
                List.of("node", "validate-manifests.mjs", file.toString()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("3 failed").contains("KafkaTopic/").contains("Deployment/")
                .contains("HTTPRoute/");
    }

    /** The schema validator tolerates unknown fields; the typed models with strict binding do not. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void coreAndGatewayDocumentsHaveNoUnknownFields(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : Manifests.documents(overlay)) {
            Class<?> type = TYPED.get(document.path("kind").asText());
            if (type == null) {
                continue;
            }
            try {
                Object model = STRICT.treeToValue(document, type);
                unknownFields(model, document.path("kind").asText() + "/" + document.path("metadata").path("name")
                        .asText(), problems, new IdentityHashMap<>());
            } catch (Exception e) {
                problems.add(document.path("kind").asText() + "/" + document.path("metadata").path("name").asText()
                        + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(STRICT.treeToValue(Manifests.YAML.readTree("apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata: {name: x}\nspec: {replicas: 1, selector: {matchLabels: {a: b}}, template: {spec: "
                + "{containers: [{name: c, imagee: typo}]}}}"), Deployment.class))
                .satisfies(model -> {
                    List<String> typo = new ArrayList<>();
                    unknownFields(model, "Deployment/x", typo, new IdentityHashMap<>());
                    assertThat(typo).singleElement().asString().contains("imagee");
                });
    }

    /** fabric8 models keep unknown fields in additionalProperties maps; any non-empty one is a misspelling. */
    static void unknownFields(Object model, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (model == null || seen.put(model, Boolean.TRUE) != null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems, seen));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method method : model.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = method.invoke(model);
                if (method.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra
                        && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                } else if (!method.getName().equals("getAdditionalProperties")) {
                    unknownFields(value, path + "." + method.getName().substring(3), problems, seen);
                }
            } catch (ReflectiveOperationException e) {
                problems.add(path + ": " + e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void apiDeploymentsAreProbedBoundedHardenedAndShutDownGracefully(String overlay) throws Exception {
        List<JsonNode> documents = Manifests.documents(overlay);
        for (JsonNode node : Manifests.ofKind(documents, "Deployment")) {
            Deployment deployment = Manifests.JSON.treeToValue(node, Deployment.class);
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(pod.getTerminationGracePeriodSeconds()).as(name).isGreaterThanOrEqualTo(30);
            for (Container container : pod.getContainers()) {
                assertThat(container.getStartupProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/started");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(container.getVolumeMounts()).as(name).anyMatch(m -> m.getMountPath().equals("/tmp"));
                assertThat(container.getImage()).as(name).contains("/sessionplane/").doesNotEndWith(":latest");
            }
            if (ROUTED.contains(name)) {
                var container = pod.getContainers().get(0);
                assertThat(container.getLifecycle().getPreStop().getSleep().getSeconds()).as(name).isPositive();
                // Secrets are referenced, never contained.
                assertThat(container.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                        .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());
            }
        }
        assertThat(Manifests.ofKind(documents, "Secret")).as("no Secret is committed").isEmpty();
        Set<String> autoscaled = names(documents, "HorizontalPodAutoscaler");
        Set<String> budgeted = names(documents, "PodDisruptionBudget");
        assertThat(autoscaled).containsExactlyInAnyOrderElementsOf(ROUTED);
        assertThat(budgeted).containsExactlyInAnyOrderElementsOf(ROUTED);
        assertThat(names(documents, "Service")).containsExactlyInAnyOrderElementsOf(ROUTED);
        assertThat(names(documents, "NetworkPolicy")).contains("default-deny-ingress", "api-from-gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContractTopicIsAKafkaTopicWithItsPartitionsAndPolicy(String overlay) {
        List<JsonNode> topics = Manifests.ofKind(Manifests.documents(overlay), "KafkaTopic");
        Map<String, JsonNode> byName = topics.stream().collect(Collectors.toMap(
                topic -> topic.path("spec").path("topicName").asText(), topic -> topic));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().map(TopicSpec::name).toList());
        int replicas = overlay.equals("prod") ? 3 : 1;
        for (TopicSpec spec : Topics.all()) {
            JsonNode topic = byName.get(spec.name()).path("spec");
            assertThat(topic.path("partitions").asInt()).as(spec.name()).isEqualTo(spec.deadLetter() ? 1 : 6);
            assertThat(topic.path("replicas").asInt()).as(spec.name()).isEqualTo(replicas);
            assertThat(topic.path("config").path("cleanup.policy").asText("delete")).as(spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void overlaysDifferWhereTheyShould() {
        List<JsonNode> dev = Manifests.documents("dev");
        List<JsonNode> prod = Manifests.documents("prod");
        assertThat(names(dev, "Deployment")).contains("agent-simulator");
        assertThat(names(prod, "Deployment")).doesNotContain("agent-simulator");
        assertThat(Manifests.ofKind(prod, "Deployment")).allSatisfy(d -> assertThat(d.path("spec").path("replicas")
                .asInt()).isEqualTo(3));
        assertThat(Manifests.ofKind(prod, "Cluster").get(0).path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(Manifests.ofKind(dev, "Cluster").get(0).path("spec").path("instances").asInt()).isEqualTo(1);
        assertThat(Manifests.ofKind(prod, "KafkaNodePool").get(0).path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(prod).allSatisfy(d -> assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("sessionplane"));
        assertThat(dev).allSatisfy(d -> assertThat(d.path("metadata").path("namespace").asText())
                .isEqualTo("sessionplane-dev"));
    }

    /**
     * PostgreSQL admits every connection the API pods may open at once: each replica the autoscaler may run, and one
     * more surging in a rollout, with its pools full (the sizes in the service's application.properties).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseAdmitsEveryPoolAtFullScale(String overlay) throws Exception {
        List<JsonNode> documents = Manifests.documents(overlay);
        int needed = 0;
        for (String service : API_SERVICES) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = Files.newInputStream(Tools.ROOT.resolve(service).resolve(
                    "src/main/resources/application.properties"))) {
                properties.load(in);
            }
            int perPod = Integer.parseInt(properties.getProperty("quarkus.datasource.reactive.max-size"))
                    + Integer.parseInt(properties.getProperty("quarkus.datasource.jdbc.max-size"));
            JsonNode autoscaler = Manifests.ofKind(documents, "HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("metadata").path("name").asText().equals(service)).findFirst().orElseThrow();
            JsonNode deployment = Manifests.ofKind(documents, "Deployment").stream()
                    .filter(d -> d.path("metadata").path("name").asText().equals(service)).findFirst().orElseThrow();
            assertThat(deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env"))
                    .as(service + " keeps its pool sizes")
                    .noneMatch(e -> e.path("name").asText().startsWith("QUARKUS_DATASOURCE_") && e.path("name")
                            .asText().endsWith("_MAX_SIZE"));
            int pods = autoscaler.path("spec").path("maxReplicas").asInt()
                    + deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt(0);
            needed += pods * perPod;
        }
        int allowed = Manifests.ofKind(documents, "Cluster").get(0).path("spec").path("postgresql")
                .path("parameters").path("max_connections").asInt();
        assertThat(allowed).as("max_connections against %d pool connections", needed)
                .isGreaterThanOrEqualTo(needed + 10);
    }

    static Set<String> names(List<JsonNode> documents, String kind) {
        return Manifests.ofKind(documents, kind).stream().map(d -> d.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
    }
}
