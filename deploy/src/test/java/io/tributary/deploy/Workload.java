package io.tributary.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** A Deployment or StatefulSet and its one container, with the environment the container gets. */
final class Workload {

    private final JsonNode object;
    private final Manifests manifests;

    Workload(JsonNode object, Manifests manifests) {
        this.object = object;
        this.manifests = manifests;
    }

    String kind() {
        return object.path("kind").asString();
    }

    String name() {
        return object.path("metadata").path("name").asString();
    }

    JsonNode spec() {
        return object.path("spec");
    }

    int replicas() {
        return spec().path("replicas").asInt(1);
    }

    JsonNode podLabels() {
        return spec().path("template").path("metadata").path("labels");
    }

    JsonNode podSpec() {
        return spec().path("template").path("spec");
    }

    /** Each service's pod runs exactly one container, named after the workload. */
    JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        if (containers.size() != 1) {
            throw new IllegalStateException(name() + " has " + containers.size() + " containers, expected one");
        }
        return containers.get(0);
    }

    /**
     * The container's environment by variable name: each entry as the manifest writes it ({@code value} or
     * {@code valueFrom}), with the ConfigMaps of {@code envFrom} as {@code value}s; {@code env} wins, as in
     * Kubernetes.
     */
    Map<String, JsonNode> environment() {
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        for (JsonNode source : container().path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asString(null);
            if (configMap == null) {
                throw new IllegalStateException(name() + " takes envFrom something other than a ConfigMap: " + source);
            }
            manifests.configMapData(configMap).forEach((key, value) -> environment.put(key,
                    RepositoryFiles.yaml().createObjectNode().put("name", key).put("value", value)));
        }
        container().path("env").forEach(entry -> environment.put(entry.path("name").asString(), entry));
        return environment;
    }

    /** The literal value of a variable, empty when unset or taken from a reference. */
    Optional<String> literal(String variable) {
        return Optional.ofNullable(environment().get(variable))
                .filter(entry -> entry.has("value"))
                .map(entry -> entry.path("value").asString());
    }

    /** Every literal variable, for the topic settings a deployment overrides. */
    Map<String, String> literals() {
        Map<String, String> literals = new LinkedHashMap<>();
        environment().forEach((name, entry) -> {
            if (entry.has("value")) {
                literals.put(name, entry.path("value").asString());
            }
        });
        return literals;
    }

    /** A probe's or Service's port, by number or by the name of one of the container's ports. */
    int containerPort(JsonNode port) {
        if (port.isNumber()) {
            return port.asInt();
        }
        for (JsonNode declared : container().path("ports")) {
            if (port.asString().equals(declared.path("name").asString())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new NoSuchElementException(name() + " has no port named " + port.asString());
    }
}
