package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.schema.topic.TopicDefinitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each service's KafkaUser carries exactly the ACLs {@link RequiredAcls} says it needs, the README states
 * the same ACLs, and each service authenticates as its own user.
 */
class KafkaUsersTest {

    /** README's table of what every service needs. */
    static final String KAFKA_SECURITY = "### Kafka security";
    /** The further ACLs "Deploying at scale" lists (usage analytics, audit log, Durable Streams). */
    static final String KAFKA_USERS = "### Kafka users and their ACLs";
    /** The row of the permissions only topic creation at start-up needs, which these manifests turn off. */
    private static final String TOPIC_CREATION_ROW = "all, with `tributary.topics.create=true`";

    private static final Manifests MANIFESTS = Manifests.load();

    @Test
    void shouldGiveEachServiceAUserWithExactlyTheAclsItNeeds() {
        assertThat(MANIFESTS.ofKind("KafkaUser")).extracting(user -> user.path("metadata").path("name").asString())
                .containsExactlyInAnyOrder(names(TributaryService.values()));

        for (TributaryService service : TributaryService.values()) {
            JsonNode user = MANIFESTS.one("KafkaUser", service.kafkaUser());
            assertThat(KafkaAcl.ofKafkaUser(user)).as(service.kafkaUser())
                    .containsExactlyInAnyOrderElementsOf(RequiredAcls.of(service));
        }
    }

    @Test
    void shouldStateTheSameAclsInTheReadme() {
        Readme readme = Readme.load();
        Map<TributaryService, Set<KafkaAcl>> stated = new EnumMap<>(TributaryService.class);
        List<String> otherRows = new ArrayList<>();
        for (String section : List.of(KAFKA_SECURITY, KAFKA_USERS)) {
            for (List<String> row : readme.tableRows(section)) {
                TributaryService service = byReadmeName(row.get(0));
                if (service == null) {
                    otherRows.add(row.get(0));
                } else {
                    stated.computeIfAbsent(service, key -> new HashSet<>()).addAll(KafkaAcl.ofReadme(row.get(1)));
                }
            }
        }

        for (TributaryService service : TributaryService.values()) {
            assertThat(stated.get(service)).as("README's ACLs of the %s", service.readmeName())
                    .containsExactlyInAnyOrderElementsOf(RequiredAcls.of(service));
        }
        assertThat(otherRows).containsExactly(TOPIC_CREATION_ROW);
    }

    @Test
    void shouldTurnTopicCreationOffSinceNoUserMayCreateTributarysTopics() {
        Set<String> topics = topicNames();
        for (TributaryService service : TributaryService.values()) {
            assertThat(MANIFESTS.workload(service).literal("TRIBUTARY_TOPICS_CREATE")).as(service.module())
                    .contains("false");
            assertThat(RequiredAcls.of(service))
                    .noneMatch(acl -> acl.operation().equals("Create") && topics.contains(acl.name()));
        }
    }

    @Test
    void shouldNameRealTopicsAndTheProcessorsStreamsApplications() {
        Set<String> topics = topicNames();
        for (TributaryService service : TributaryService.values()) {
            for (KafkaAcl acl : RequiredAcls.of(service)) {
                if (acl.resourceType().equals(KafkaAcl.TOPIC) && acl.patternType().equals(KafkaAcl.LITERAL)) {
                    assertThat(topics).as("%s names a topic", acl).contains(acl.name());
                }
            }
        }
        Set<String> groups = RequiredAcls.of(TributaryService.PROCESSOR).stream()
                .filter(acl -> acl.resourceType().equals(KafkaAcl.GROUP))
                .map(KafkaAcl::name)
                .collect(Collectors.toSet());
        // Kafka Streams names its group, internal topics and transactional ids after its application id.
        assertThat(groups).contains(ServiceSettings.of(TributaryService.PROCESSOR).applicationName());
        for (String group : groups) {
            assertThat(RequiredAcls.of(TributaryService.PROCESSOR))
                    .contains(new KafkaAcl(KafkaAcl.TOPIC, group + "-", KafkaAcl.PREFIX, "Create"))
                    .contains(new KafkaAcl(KafkaAcl.TRANSACTIONAL_ID, group, KafkaAcl.PREFIX, "Write"));
        }
        // Their readers use no consumer group.
        for (TributaryService service : List.of(TributaryService.INGEST, TributaryService.GATEWAY)) {
            assertThat(RequiredAcls.of(service)).noneMatch(acl -> acl.resourceType().equals(KafkaAcl.GROUP));
        }
    }

    @Test
    void shouldAuthenticateEachServiceAsItsOwnUserOfTheSameCluster() {
        String cluster = KafkaCluster.of(MANIFESTS).name();

        for (TributaryService service : TributaryService.values()) {
            Workload workload = MANIFESTS.workload(service);
            JsonNode user = MANIFESTS.one("KafkaUser", service.kafkaUser());
            JsonNode jaas = workload.environment().get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");

            assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asString()).isEqualTo(cluster);
            assertThat(user.path("spec").path("authentication").path("type").asString()).isEqualTo("scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asString()).isEqualTo("simple");
            assertThat(jaas).as(service.module()).isNotNull();
            // Strimzi writes a user's credentials to a Secret named after the user.
            assertThat(jaas.path("valueFrom").path("secretKeyRef").path("name").asString()).as(service.module())
                    .isEqualTo(service.kafkaUser());
            assertThat(jaas.path("valueFrom").path("secretKeyRef").path("key").asString())
                    .isEqualTo("sasl.jaas.config");
            assertThat(workload.literal("SPRING_KAFKA_SECURITY_PROTOCOL")).contains("SASL_SSL");
            assertThat(workload.literal("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).contains("SCRAM-SHA-512");
        }
    }

    private static Set<String> topicNames() {
        TopicDefinitions definitions = TopicSettings.definitions(ServiceSettings.of(TributaryService.INGEST), Map.of());
        return definitions.newTopics().stream().map(NewTopic::name).collect(Collectors.toSet());
    }

    private static TributaryService byReadmeName(String name) {
        for (TributaryService service : TributaryService.values()) {
            if (service.readmeName().equals(name)) {
                return service;
            }
        }
        return null;
    }

    private static String[] names(TributaryService... services) {
        return Arrays.stream(services).map(TributaryService::kafkaUser).toArray(String[]::new);
    }
}
