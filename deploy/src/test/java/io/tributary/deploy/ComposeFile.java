package io.tributary.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * docker-compose.yml as Compose reads it. Jackson's tree model keeps a YAML alias as the anchor's name, so
 * the file is read token by token: anchored nodes are remembered, aliases replaced by them, and merge keys
 * ({@code <<: *anchor}, which Compose files use for shared settings) applied, explicit keys winning.
 */
final class ComposeFile {

    private static final String MERGE_KEY = "<<";
    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}: Compose's interpolation. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile load(Path file) {
        try (JsonParser parser = RepositoryFiles.yaml().createParser(file.toFile())) {
            return new ComposeFile(new TreeReader((YAMLParser) parser).read());
        }
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new NoSuchElementException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    List<String> serviceNames() {
        return List.copyOf(root.path("services").propertyNames());
    }

    /** A service's environment as written, variables not yet interpolated. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        JsonNode declared = service(service).path("environment");
        if (declared.isArray()) {
            declared.forEach(entry -> {
                String[] pair = entry.asString().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        } else {
            declared.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asString()));
        }
        return environment;
    }

    /** A value as Compose would run it with none of its variables set on the host: each takes its default. */
    static String withDefaults(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String fallback = matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(fallback));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The variable a value is taken from, when the whole value is one {@code ${...}}; else null. */
    static Matcher variable(String value) {
        Matcher matcher = VARIABLE.matcher(value.strip());
        return matcher.matches() ? matcher : null;
    }

    /** Builds the tree from the parser's tokens, resolving anchors, aliases and merge keys. */
    private static final class TreeReader {

        private final YAMLParser parser;
        private final Map<String, JsonNode> anchors = new HashMap<>();

        TreeReader(YAMLParser parser) {
            this.parser = parser;
        }

        JsonNode read() {
            parser.nextToken();
            return value();
        }

        private JsonNode value() {
            // An alias has no anchor of its own; every other node may carry one.
            String anchor = parser.isCurrentAlias() ? null : (String) parser.getObjectId();
            JsonNode node;
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                node = object();
            } else if (parser.currentToken() == JsonToken.START_ARRAY) {
                node = array();
            } else if (parser.isCurrentAlias()) {
                node = anchors.get(parser.getString());
                if (node == null) {
                    throw new IllegalStateException("Unknown YAML alias *" + parser.getString());
                }
            } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
                node = JsonNodeFactory.instance.nullNode();
            } else {
                node = JsonNodeFactory.instance.stringNode(parser.getString());
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private ObjectNode object() {
            ObjectNode explicit = JsonNodeFactory.instance.objectNode();
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                JsonNode value = value();
                if (MERGE_KEY.equals(name)) {
                    if (value.isArray()) {
                        value.forEach(source -> merged.setAll((ObjectNode) source));
                    } else {
                        merged.setAll((ObjectNode) value);
                    }
                } else {
                    explicit.set(name, value);
                }
            }
            return merged.setAll(explicit);
        }

        private ArrayNode array() {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value());
            }
            return array;
        }
    }
}
