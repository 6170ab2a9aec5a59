package io.tributary.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.databind.JsonNode;

/**
 * The Kubernetes objects {@code kubectl apply -k deploy/kubernetes} applies: every document of every file
 * the kustomization lists, as written (the kustomization adds only a namespace, labels and image tags).
 */
final class Manifests {

    static final Path KUSTOMIZATION = RepositoryFiles.KUBERNETES.resolve("kustomization.yaml");

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests load() {
        List<JsonNode> objects = new ArrayList<>();
        for (String resource : resources()) {
            objects.addAll(RepositoryFiles.yamlDocuments(RepositoryFiles.KUBERNETES.resolve(resource)));
        }
        return new Manifests(objects);
    }

    static List<String> resources() {
        return RepositoryFiles.yamlDocument(KUSTOMIZATION).path("resources").valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asString())).toList();
    }

    JsonNode one(String kind, String name) {
        return ofKind(kind).stream()
                .filter(object -> name.equals(object.path("metadata").path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No " + kind + " named " + name));
    }

    /** The Deployment or StatefulSet that runs the service. */
    Workload workload(TributaryService service) {
        return workloads().stream()
                .filter(workload -> workload.name().equals(service.module()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No workload for " + service.module()));
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            ofKind(kind).forEach(object -> workloads.add(new Workload(object, this)));
        }
        return workloads;
    }

    Map<String, String> configMapData(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        one("ConfigMap", name).path("data").properties()
                .forEach(entry -> data.put(entry.getKey(), entry.getValue().asString()));
        return data;
    }

    /** Whether every label of the selector is on the object ({@code matchLabels}, as every selector here uses). */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        return matchLabels.properties().stream()
                .allMatch(label -> label.getValue().asString().equals(labels.path(label.getKey()).asString(null)));
    }
}
