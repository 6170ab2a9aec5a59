package io.tributary.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/asyncapi.yaml} describes exactly the topics {@link TopicDefinitions} creates, with their
 * cleanup and retention, and each topic's message names the schema file of the type {@link Topics}
 * gives its values. So the document cannot drift from the code unnoticed.
 */
class SchemaSyncTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final Path DOCS = DOCUMENT.getParent();
    /** The services' defaults ({@code tributary.topics.*}), which the document states. */
    private static final TopicDefinitions DEFAULTS = new TopicDefinitions(6, (short) 3, Duration.ofDays(7),
            Duration.ofHours(1), Duration.ofDays(30));

    @Test
    void shouldDescribeEveryTopicWithItsCleanupAndRetention() throws IOException {
        Map<String, Map<String, Object>> channels = channelsByAddress();
        List<NewTopic> topics = DEFAULTS.newTopics();

        assertThat(channels.keySet()).containsExactlyInAnyOrderElementsOf(topics.stream().map(NewTopic::name).toList());
        for (NewTopic topic : topics) {
            Map<String, Object> kafka = map(map(channels.get(topic.name()).get("bindings")).get("kafka"));
            Map<String, Object> configuration = map(kafka.get("topicConfiguration"));
            assertThat(configuration.get("cleanup.policy")).as(topic.name())
                    .isEqualTo(List.of(topic.configs().get("cleanup.policy").split(",")));
            String retention = topic.configs().get("retention.ms");
            assertThat(configuration.get("retention.ms") == null ? null : configuration.get("retention.ms").toString())
                    .as(topic.name()).isEqualTo(retention);
            if (topic.numPartitions() != DEFAULTS.partitions()) {
                assertThat(kafka.get("partitions")).as(topic.name()).isEqualTo(topic.numPartitions());
            }
        }
    }

    @Test
    void shouldNameTheSchemaFileOfEachTopicsValueType() throws Exception {
        Map<String, Map<String, Object>> channels = channelsByAddress();
        Map<String, Object> messages = map(map(document().get("components")).get("messages"));

        for (Map.Entry<String, Class<?>> topic : valueTypes().entrySet()) {
            Map<String, Object> channelMessages = map(channels.get(topic.getKey()).get("messages"));
            assertThat(channelMessages).as(topic.getKey()).hasSize(1);
            String reference = map(channelMessages.values().iterator().next()).get("$ref").toString();
            Map<String, Object> message = map(messages.get(reference.substring(reference.lastIndexOf('/') + 1)));
            String schemaFile = map(map(message.get("payload")).get("schema")).get("$ref").toString();
            // Read as JSON (which YAML reads too): a schema file alone refers to types of other files.
            Map<String, Object> schema = load(DOCS.resolve(schemaFile));

            assertThat(schema.get("type")).as(topic.getKey()).isEqualTo("record");
            assertThat(schema.get("namespace") + "." + schema.get("name")).as(topic.getKey())
                    .isEqualTo(topic.getValue().getName());
            assertThat(message.get("name")).as(topic.getKey()).isEqualTo(topic.getValue().getSimpleName());
        }
    }

    /** Each topic of {@link Topics} and the type of its values, from the fields' declarations. */
    private static Map<String, Class<?>> valueTypes() throws IllegalAccessException {
        Map<String, Class<?>> types = new HashMap<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Topic.class) {
                ParameterizedType type = (ParameterizedType) field.getGenericType();
                types.put(((Topic<?, ?>) field.get(null)).name(), (Class<?>) type.getActualTypeArguments()[1]);
            }
        }
        assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(
                DEFAULTS.newTopics().stream().map(NewTopic::name).toList());
        return types;
    }

    private static Map<String, Map<String, Object>> channelsByAddress() throws IOException {
        return map(document().get("channels")).values().stream()
                .map(SchemaSyncTest::map)
                .collect(Collectors.toMap(channel -> channel.get("address").toString(), channel -> channel));
    }

    private static Map<String, Object> document() throws IOException {
        return load(DOCUMENT);
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
