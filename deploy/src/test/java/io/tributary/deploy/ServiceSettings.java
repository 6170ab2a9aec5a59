package io.tributary.deploy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * What a service's {@code application.yml} sets, flattened to Spring's dotted property names: its HTTP
 * port, the health paths its actuator serves, its application name and its topic settings.
 */
final class ServiceSettings {

    /** Spring Boot's defaults where the file says nothing. */
    private static final String DEFAULT_PORT = "8080";
    private static final String DEFAULT_BASE_PATH = "/actuator";

    private final TributaryService service;
    private final Map<String, JsonNode> properties;

    private ServiceSettings(TributaryService service, Map<String, JsonNode> properties) {
        this.service = service;
        this.properties = properties;
    }

    static ServiceSettings of(TributaryService service) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        flatten("", RepositoryFiles.yamlDocument(service.applicationYml()), properties);
        return new ServiceSettings(service, properties);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(prefix + entry.getKey() + ".", entry.getValue(), into));
        } else {
            into.put(prefix.substring(0, prefix.length() - 1), node);
        }
    }

    TributaryService service() {
        return service;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(properties.get(name)).filter(JsonNode::isValueNode).map(JsonNode::asString);
    }

    /** The port the actuator answers on: the management port if one is set, else the server's. */
    int managementPort() {
        return Integer.parseInt(value("management.server.port").orElseGet(this::serverPortText));
    }

    int serverPort() {
        return Integer.parseInt(serverPortText());
    }

    private String serverPortText() {
        return value("server.port").orElse(DEFAULT_PORT);
    }

    String applicationName() {
        return value("spring.application.name").orElseThrow();
    }

    /**
     * The health paths the service serves: {@code <base>/health} when the health endpoint is exposed over
     * HTTP, {@code <base>/health/<group>} for each group its file defines, and the liveness and readiness
     * groups when it turns Spring Boot's probes on.
     */
    Set<String> healthPaths() {
        Set<String> paths = new LinkedHashSet<>();
        if (!exposedEndpoints().contains("health")) {
            return paths;
        }
        String health = value("management.endpoints.web.base-path").orElse(DEFAULT_BASE_PATH) + "/health";
        paths.add(health);
        String groupPrefix = "management.endpoint.health.group.";
        properties.keySet().stream()
                .filter(name -> name.startsWith(groupPrefix))
                .map(name -> name.substring(groupPrefix.length(), name.indexOf('.', groupPrefix.length())))
                .forEach(group -> paths.add(health + "/" + group));
        if (value("management.endpoint.health.probes.enabled").map(Boolean::parseBoolean).orElse(false)) {
            paths.add(health + "/liveness");
            paths.add(health + "/readiness");
        }
        return paths;
    }

    private Set<String> exposedEndpoints() {
        JsonNode include = properties.get("management.endpoints.web.exposure.include");
        if (include == null) {
            return Set.of("health");
        }
        if (include.isArray()) {
            return include.valueStream().map(JsonNode::asString).collect(Collectors.toSet());
        }
        return Arrays.stream(include.asString().split(",")).map(String::strip).collect(Collectors.toSet());
    }

    /** The {@code tributary.topics.*} settings of the file, by their names there ({@code replication-factor}). */
    Map<String, String> topicSettings() {
        String prefix = "tributary.topics.";
        Map<String, String> settings = new LinkedHashMap<>();
        properties.forEach((name, node) -> {
            if (name.startsWith(prefix) && node.isValueNode()) {
                settings.put(name.substring(prefix.length()), node.asString());
            }
        });
        return settings;
    }
}
