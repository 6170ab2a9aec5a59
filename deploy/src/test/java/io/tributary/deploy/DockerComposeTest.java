package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tributary.deploy.TopicScript.Creation;
import io.tributary.schema.topic.TopicDefinitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml (no Docker engine runs here, so it is read, not run): its kafka-init creates the
 * topics each service would declare with the environment Compose gives it, the services reach the broker
 * on its internal listener with replication that one broker can hold, each is published and health-checked
 * on its server port, and secrets come from the host's environment.
 */
class DockerComposeTest {

    private static final ComposeFile COMPOSE = ComposeFile.load(RepositoryFiles.DOCKER_COMPOSE);
    private static final String BROKER = "kafka";
    private static final String TOPIC_INIT = "kafka-init";
    private static final Pattern HEALTH_REQUEST = Pattern.compile("/dev/tcp/[^/]+/(\\d+).*GET (\\S+) HTTP");
    /** The runner's public development secret, which the printed demo tokens are signed with. */
    private static final Pattern LOCAL_SECRET = Pattern.compile("LOCAL_SECRET\\s*=\\s*\"([^\"]+)\"");

    @Test
    void shouldCreateEveryDefinedTopicAsEachServiceWouldDeclareIt() {
        Map<String, Creation> created = TopicScript.creations(initScript()).stream()
                .collect(Collectors.toMap(creation -> creation.option("--topic"), Function.identity()));

        for (TributaryService service : TributaryService.values()) {
            TopicDefinitions definitions = TopicSettings.definitions(ServiceSettings.of(service), environment(service));
            assertThat(created.keySet()).as("kafka-init against %s", service.composeService())
                    .containsExactlyInAnyOrderElementsOf(definitions.newTopics().stream().map(NewTopic::name).toList());
            for (NewTopic topic : definitions.newTopics()) {
                Creation creation = created.get(topic.name());
                assertThat(Integer.parseInt(creation.option("--partitions"))).as(topic.name())
                        .isEqualTo(topic.numPartitions());
                assertThat(Short.parseShort(creation.option("--replication-factor"))).as(topic.name())
                        .isEqualTo(topic.replicationFactor());
                assertThat(creation.configs()).as(topic.name()).isEqualTo(topic.configs());
            }
        }
    }

    @Test
    void shouldReachTheBrokerOnItsInternalListener() {
        String internal = internalListener();

        for (TributaryService service : TributaryService.values()) {
            assertThat(environment(service).get(KafkaCluster.BOOTSTRAP_SERVERS)).as(service.composeService())
                    .isEqualTo(internal);
        }
        assertThat(TopicScript.creations(initScript()))
                .allSatisfy(creation -> assertThat(creation.option("--bootstrap-server")).isEqualTo(internal));
    }

    @Test
    void shouldReplicateNoMoreThanTheBrokersCanHold() {
        int brokers = brokers();
        Map<String, String> broker = resolved(COMPOSE.environment(BROKER));

        for (String setting : List.of("KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
            assertThat(Integer.parseInt(broker.get(setting))).as(setting).isBetween(1, brokers);
        }
        assertThat(Integer.parseInt(broker.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")))
                .isLessThanOrEqualTo(Integer.parseInt(broker.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")));
        for (TributaryService service : TributaryService.values()) {
            short topics = TopicSettings.of(ServiceSettings.of(service), environment(service)).replicationFactor();
            assertThat((int) topics).as(service.composeService()).isBetween(1, brokers);
            assertThat(Integer.parseInt(broker.get("KAFKA_MIN_INSYNC_REPLICAS"))).isLessThanOrEqualTo(topics);
        }
        ServiceSettings processor = ServiceSettings.of(TributaryService.PROCESSOR);
        String streams = environment(TributaryService.PROCESSOR).getOrDefault("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR",
                processor.value("spring.kafka.streams.replication-factor").orElse("1"));
        assertThat(Integer.parseInt(streams)).as("the processor's changelogs").isBetween(1, brokers);
    }

    @Test
    void shouldPublishAndHealthCheckEachServiceOnItsServerPort() {
        for (TributaryService service : TributaryService.values()) {
            ServiceSettings settings = ServiceSettings.of(service);
            JsonNode compose = COMPOSE.service(service.composeService());
            List<String> ports = compose.path("ports").valueStream().map(JsonNode::asString).toList();
            String check = compose.path("healthcheck").path("test").valueStream().map(JsonNode::asString)
                    .collect(Collectors.joining(" "));
            Matcher request = HEALTH_REQUEST.matcher(check);

            assertThat(ports).as(service.composeService()).isNotEmpty()
                    .allSatisfy(port -> assertThat(port).endsWith(":" + settings.serverPort()));
            assertThat(request.find()).as("%s health check: %s", service.composeService(), check).isTrue();
            assertThat(Integer.parseInt(request.group(1))).as(service.composeService())
                    .isEqualTo(settings.managementPort());
            assertThat(settings.healthPaths()).as(service.composeService()).contains(request.group(2));
        }
    }

    @Test
    void shouldTakeSecretsFromTheHostEnvironment() {
        String localSecret = localDevelopmentSecret();

        for (TributaryService service : TributaryService.values()) {
            COMPOSE.environment(service.composeService()).forEach((name, value) -> {
                if (SecretNames.isSecret(name)) {
                    Matcher variable = ComposeFile.variable(value);
                    assertThat(variable).as("%s: %s is a ${%s} reference", service.composeService(), name, name)
                            .isNotNull();
                    assertThat(variable.group(1)).as(service.composeService()).isEqualTo(name);
                    // The only default allowed is the runner's public secret, so that its demo tokens work here.
                    assertThat(variable.group(2) == null ? "" : variable.group(2)).as("%s's default", name)
                            .isIn("", localSecret);
                }
            });
        }
    }

    @Test
    void shouldKeepTheProcessorsMemberNameAndItsStateOnAVolume() {
        Map<String, String> processor = environment(TributaryService.PROCESSOR);
        List<String> volumes = COMPOSE.service(TributaryService.PROCESSOR.composeService()).path("volumes")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        String stateDir = processor.get("SPRING_KAFKA_STREAMS_STATE_DIR");

        assertThat(processor.get("TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID")).isNotBlank();
        assertThat(stateDir).isNotBlank();
        assertThat(volumes).anyMatch(volume -> stateDir.startsWith(volume.split(":")[1] + "/"));
    }

    /** The script of the one-shot container that creates the topics. */
    private static String initScript() {
        return COMPOSE.service(TOPIC_INIT).path("command").valueStream().map(JsonNode::asString)
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> environment(TributaryService service) {
        return resolved(COMPOSE.environment(service.composeService()));
    }

    private static Map<String, String> resolved(Map<String, String> environment) {
        Map<String, String> resolved = new HashMap<>();
        environment.forEach((name, value) -> resolved.put(name, ComposeFile.withDefaults(value)));
        return resolved;
    }

    /** The broker's address for containers: its advertised listener of the inter-broker listener's name. */
    private static String internalListener() {
        Map<String, String> broker = resolved(COMPOSE.environment(BROKER));
        String name = broker.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        for (String listener : broker.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            if (listener.startsWith(name + "://")) {
                return listener.substring(name.length() + 3);
            }
        }
        throw new AssertionError("No advertised listener " + name);
    }

    /** Services running a Kafka broker (the topic initialiser uses the image only for its tools). */
    private static int brokers() {
        return (int) COMPOSE.serviceNames().stream()
                .filter(name -> COMPOSE.environment(name).getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker"))
                .count();
    }

    private static String localDevelopmentSecret() {
        String source = RepositoryFiles.text(RepositoryFiles.ROOT.resolve(
                "local-runner/src/main/java/io/tributary/local/DevTokens.java"));
        Matcher matcher = LOCAL_SECRET.matcher(source);
        assertThat(matcher.find()).as("DevTokens.LOCAL_SECRET").isTrue();
        return matcher.group(1);
    }
}
