package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.tributary.schema.topic.TopicDefinitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Strimzi KafkaTopics are exactly the topics {@link TopicDefinitions} defines, with the settings each
 * service would create them with in this deployment, and a {@code min.insync.replicas} that keeps an
 * acknowledged write on two brokers while one may be lost.
 */
class KafkaTopicsTest {

    private static final Manifests MANIFESTS = Manifests.load();
    /** What Kubernetes accepts as an object name (RFC 1123 subdomain). */
    private static final Pattern OBJECT_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void shouldDeclareEveryDefinedTopicWithItsPartitionsReplicasAndConfigsAndNoOther() {
        Map<String, JsonNode> declared = kafkaTopicsByName();

        for (TributaryService service : TributaryService.values()) {
            Workload workload = MANIFESTS.workload(service);
            TopicDefinitions definitions = TopicSettings.definitions(ServiceSettings.of(service), workload.literals());

            assertThat(declared.keySet()).as("KafkaTopics against %s's definitions", service.module())
                    .containsExactlyInAnyOrderElementsOf(definitions.newTopics().stream().map(NewTopic::name).toList());
            for (NewTopic topic : definitions.newTopics()) {
                JsonNode spec = declared.get(topic.name()).path("spec");
                assertThat(spec.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.numPartitions());
                assertThat(spec.path("replicas").asInt()).as(topic.name()).isEqualTo((int) topic.replicationFactor());
                Map<String, String> configs = new HashMap<>(topic.configs());
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topic.replicationFactor() - 1));
                assertThat(configs(spec)).as(topic.name()).isEqualTo(configs);
            }
        }
    }

    @Test
    void shouldKeepEveryTopicOnThreeBrokersWithTwoInSync() {
        for (JsonNode topic : kafkaTopicsByName().values()) {
            JsonNode spec = topic.path("spec");
            int minInsync = Integer.parseInt(configs(spec).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
            assertThat(spec.path("replicas").asInt()).as(spec.path("topicName").asString()).isEqualTo(3);
            assertThat(minInsync).as(spec.path("topicName").asString()).isEqualTo(2);
        }
    }

    @Test
    void shouldBelongToTheClusterTheServicesConnectToUnderValidNames() {
        String cluster = KafkaCluster.of(MANIFESTS).name();

        for (JsonNode topic : MANIFESTS.ofKind("KafkaTopic")) {
            String name = topic.path("metadata").path("name").asString();
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asString()).as(name)
                    .isEqualTo(cluster);
            assertThat(name).matches(OBJECT_NAME).hasSizeLessThanOrEqualTo(253);
            assertThat(topic.path("apiVersion").asString()).as(name).isEqualTo("kafka.strimzi.io/v1beta2");
        }
    }

    /** By {@code spec.topicName}, which Strimzi takes over the object's name. */
    private static Map<String, JsonNode> kafkaTopicsByName() {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode topic : MANIFESTS.ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asString(topic.path("metadata").path("name").asString());
            assertThat(topics.put(name, topic)).as("KafkaTopic %s declared twice", name).isNull();
        }
        return topics;
    }

    private static Map<String, String> configs(JsonNode spec) {
        Map<String, String> configs = new HashMap<>();
        spec.path("config").properties().forEach(entry -> configs.put(entry.getKey(), entry.getValue().asString()));
        return configs;
    }
}
