package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The three services' workloads: probes on health paths the services serve, ports that are their
 * server ports, resources, disruption budgets, Kafka settings for three brokers, the processor's stable
 * identity and state, and secrets taken only from Secrets.
 */
class WorkloadsTest {

    private static final Manifests MANIFESTS = Manifests.load();
    private static final List<String> PROBES = List.of("startupProbe", "readinessProbe", "livenessProbe");
    /** Room the JVM needs beside its heap: metaspace, threads, code cache, direct buffers. */
    private static final long OFF_HEAP_MINIMUM = 256L << 20;

    /** The Secrets each service cannot run without, by the variable its settings read. */
    private static final Map<TributaryService, Set<String>> REQUIRED_SECRETS = Map.of(
            TributaryService.INGEST, Set.of("TRIBUTARY_SECURITY_JWT_SECRET", "TRIBUTARY_UPSTREAM_API_KEY"),
            TributaryService.PROCESSOR, Set.of(),
            TributaryService.GATEWAY, Set.of("TRIBUTARY_SECURITY_JWT_SECRET", "TRIBUTARY_SECURITY_STREAMTOKEN_SECRET"));

    @Test
    void shouldRunEachServiceOnceAndNothingElse() {
        assertThat(MANIFESTS.workloads()).extracting(Workload::name)
                .containsExactlyInAnyOrder(modules(TributaryService.values()));
        assertThat(MANIFESTS.workload(TributaryService.INGEST).kind()).isEqualTo("Deployment");
        assertThat(MANIFESTS.workload(TributaryService.GATEWAY).kind()).isEqualTo("Deployment");
        assertThat(MANIFESTS.workload(TributaryService.PROCESSOR).kind()).isEqualTo("StatefulSet");
    }

    @Test
    void shouldProbeHealthPathsTheServiceServesOnItsPort() {
        for (TributaryService service : TributaryService.values()) {
            ServiceSettings settings = ServiceSettings.of(service);
            Workload workload = MANIFESTS.workload(service);
            assertThat(settings.healthPaths()).as(service.module()).isNotEmpty();
            assertThat(workload.container().has("readinessProbe")).as(service.module()).isTrue();
            assertThat(workload.container().has("livenessProbe")).as(service.module()).isTrue();

            for (String probe : PROBES) {
                JsonNode httpGet = workload.container().path(probe).path("httpGet");
                if (workload.container().has(probe)) {
                    assertThat(settings.healthPaths()).as("%s %s", service.module(), probe)
                            .contains(httpGet.path("path").asString());
                    assertThat(workload.containerPort(httpGet.path("port"))).as("%s %s", service.module(), probe)
                            .isEqualTo(settings.managementPort());
                }
            }
        }
    }

    @Test
    void shouldExposeEachServiceOnItsServerPort() {
        for (TributaryService service : TributaryService.values()) {
            int port = ServiceSettings.of(service).serverPort();
            Workload workload = MANIFESTS.workload(service);
            JsonNode kubernetesService = MANIFESTS.one("Service", service.module());

            assertThat(workload.container().path("ports").valueStream().map(p -> p.path("containerPort").asInt()))
                    .as(service.module()).containsExactly(port);
            assertThat(Manifests.selects(kubernetesService.path("spec").path("selector"), workload.podLabels()))
                    .as("the Service %s selects its pods", service.module()).isTrue();
            for (JsonNode servicePort : kubernetesService.path("spec").path("ports")) {
                assertThat(workload.containerPort(servicePort.path("targetPort"))).as(service.module()).isEqualTo(port);
            }
            String scrapePort = workload.spec().path("template").path("metadata").path("annotations")
                    .path("prometheus.io/port").asString();
            assertThat(scrapePort).as(service.module()).isEqualTo(Integer.toString(port));
        }
    }

    @Test
    void shouldRequestAndLimitCpuAndMemoryWithRoomBesideTheHeap() {
        for (Workload workload : MANIFESTS.workloads()) {
            JsonNode resources = workload.container().path("resources");
            for (String resource : List.of("cpu", "memory")) {
                for (String kind : List.of("requests", "limits")) {
                    assertThat(resources.path(kind).path(resource).isValueNode())
                            .as("%s %s %s", workload.name(), kind, resource).isTrue();
                }
            }
            assertThat(Quantities.millicores(resources.path("requests").path("cpu").asString()))
                    .as(workload.name()).isPositive()
                    .isLessThanOrEqualTo(Quantities.millicores(resources.path("limits").path("cpu").asString()));
            long memoryLimit = Quantities.bytes(resources.path("limits").path("memory").asString());
            // A JVM's memory is not given back: a request below the limit only invites an eviction later.
            assertThat(Quantities.bytes(resources.path("requests").path("memory").asString()))
                    .as(workload.name()).isEqualTo(memoryLimit);
            // The heap is set outright, so the Dockerfile's MaxRAMPercentage does not follow the limit.
            String javaOptions = workload.literal("JDK_JAVA_OPTIONS").orElse("");
            assertThat(javaOptions).as(workload.name()).contains("-Xmx");
            assertThat(Quantities.heapBytes(javaOptions) + OFF_HEAP_MINIMUM).as(workload.name())
                    .isLessThanOrEqualTo(memoryLimit);
        }
    }

    @Test
    void shouldLetOnePodOfEachServiceBeDisruptedAtATime() {
        for (Workload workload : MANIFESTS.workloads()) {
            List<JsonNode> budgets = MANIFESTS.ofKind("PodDisruptionBudget").stream()
                    .filter(budget -> Manifests.selects(budget.path("spec").path("selector").path("matchLabels"),
                            workload.podLabels()))
                    .toList();

            assertThat(budgets).as("budgets of %s", workload.name()).hasSize(1);
            JsonNode spec = budgets.get(0).path("spec");
            int allowed = spec.has("maxUnavailable")
                    ? spec.path("maxUnavailable").asInt()
                    : workload.replicas() - spec.path("minAvailable").asInt();
            // One may go (a node drain is not blocked) while another still serves.
            assertThat(allowed).as(workload.name()).isEqualTo(1);
            assertThat(workload.replicas()).as(workload.name()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldConnectEveryServiceToTheClusterWithThreeReplicas() {
        String bootstrap = KafkaCluster.of(MANIFESTS).bootstrapServers();
        for (TributaryService service : TributaryService.values()) {
            Workload workload = MANIFESTS.workload(service);
            assertThat(workload.literal(KafkaCluster.BOOTSTRAP_SERVERS)).as(service.module()).contains(bootstrap);
            assertThat(TopicSettings.of(ServiceSettings.of(service), workload.literals()).replicationFactor())
                    .as(service.module()).isEqualTo((short) 3);
            // The cluster CA the trust store names is mounted where it says.
            String trustStore = workload.literal("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").orElseThrow();
            assertThat(mountPaths(workload)).as(service.module())
                    .anyMatch(path -> trustStore.startsWith("file:" + path + "/"));
        }
        Workload processor = MANIFESTS.workload(TributaryService.PROCESSOR);
        assertThat(processor.literal("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR")).contains("3");
        assertThat(processor.literal("SPRING_KAFKA_STREAMS_PROPERTIES_TOPIC_MIN_INSYNC_REPLICAS")).contains("2");
    }

    @Test
    void shouldGiveTheProcessorAStableMemberNameAndItsStateAPersistentVolume() {
        Workload processor = MANIFESTS.workload(TributaryService.PROCESSOR);
        JsonNode instanceId = processor.environment().get("TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID");
        String stateDir = processor.literal("SPRING_KAFKA_STREAMS_STATE_DIR").orElseThrow();
        List<String> claims = processor.spec().path("volumeClaimTemplates").valueStream()
                .map(claim -> claim.path("metadata").path("name").asString())
                .toList();

        assertThat(instanceId.path("valueFrom").path("fieldRef").path("fieldPath").asString())
                .isEqualTo("metadata.name");
        assertThat(processor.container().path("volumeMounts").valueStream()
                .filter(mount -> claims.contains(mount.path("name").asString()))
                .map(mount -> mount.path("mountPath").asString()))
                .anyMatch(path -> stateDir.startsWith(path + "/"));
        JsonNode governing = MANIFESTS.one("Service", processor.spec().path("serviceName").asString());
        assertThat(governing.path("spec").path("clusterIP").asString()).isEqualTo("None");
        // One task per partition: a processor beyond the partition count would idle.
        int partitions = TopicSettings.of(ServiceSettings.of(TributaryService.PROCESSOR), processor.literals())
                .partitions();
        assertThat(processor.replicas()).isLessThanOrEqualTo(partitions);
    }

    @Test
    void shouldTakeEverySecretFromASecretAndWriteNone() {
        assertThat(MANIFESTS.ofKind("Secret")).isEmpty();
        for (JsonNode object : MANIFESTS.all()) {
            assertThat(scalars(object)).as(object.path("metadata").path("name").asString())
                    .noneMatch(value -> value.toLowerCase(Locale.ROOT).contains("password="));
        }
        for (JsonNode configMap : MANIFESTS.ofKind("ConfigMap")) {
            assertThat(configMap.path("data").propertyNames()).noneMatch(name -> SecretNames.isSecret(name));
        }
        for (TributaryService service : TributaryService.values()) {
            Workload workload = MANIFESTS.workload(service);
            workload.environment().forEach((name, entry) -> {
                if (SecretNames.isSecret(name)) {
                    assertThat(entry.path("valueFrom").path("secretKeyRef").path("name").isString())
                            .as("%s takes %s from a Secret", service.module(), name).isTrue();
                }
            });
            assertThat(workload.environment().keySet()).as(service.module()).containsAll(REQUIRED_SECRETS.get(service));
        }
    }

    private static List<String> mountPaths(Workload workload) {
        return workload.container().path("volumeMounts").valueStream()
                .map(mount -> mount.path("mountPath").asString())
                .toList();
    }

    private static List<String> scalars(JsonNode node) {
        if (node.isContainer()) {
            return node.valueStream().flatMap(child -> scalars(child).stream()).toList();
        }
        return List.of(node.asString());
    }

    private static String[] modules(TributaryService... services) {
        return Arrays.stream(services).map(TributaryService::module).toArray(String[]::new);
    }
}
