package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final LocalStackOptions OPTIONS = LocalStackOptions.parse(
            List.of("--kafka-port", "19092", "--simulator-port", "18090"), Map.of(), Path.of("/p"));

    @Test
    void shouldPointEveryServiceAtTheLocalBrokerWithReplicationFactorOneAndTheSimulator() {
        for (LocalService service : LocalService.values()) {
            assertThat(ServiceEnvironment.forService(service, OPTIONS, Map.of()))
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                    .containsEntry("TRIBUTARY_TOPICS_REPLICATION_FACTOR", "1")
                    .containsEntry("TRIBUTARY_UPSTREAM_BASE_URL", "http://localhost:18090/v1")
                    .containsEntry("TRIBUTARY_SECURITY_JWT_SECRET", DevTokens.LOCAL_SECRET);
        }
    }

    @Test
    void shouldGiveOnlyTheProcessorStreamsSettingsAndAStateFolderUnderTheDataFolder() {
        assertThat(ServiceEnvironment.forService(LocalService.PROCESSOR, OPTIONS, Map.of()))
                .containsEntry("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "1")
                .containsEntry("SPRING_KAFKA_STREAMS_STATE_DIR", "/p/.local/state/stream-processor");
        assertThat(ServiceEnvironment.forService(LocalService.GATEWAY, OPTIONS, Map.of()))
                .doesNotContainKey("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR");
    }

    @Test
    void shouldLeaveTheSecretAndTheUpstreamToTheRunnersEnvironmentWhenItSetsThem() {
        Map<String, String> runner = Map.of(
                "TRIBUTARY_SECURITY_JWT_SECRET", "my-own-secret-that-is-long-enough-to-use",
                "TRIBUTARY_UPSTREAM_BASE_URL", "https://openrouter.ai/api/v1");

        assertThat(ServiceEnvironment.forService(LocalService.INGEST, OPTIONS, runner))
                .containsEntry("TRIBUTARY_SECURITY_JWT_SECRET", "my-own-secret-that-is-long-enough-to-use")
                .containsEntry("TRIBUTARY_UPSTREAM_BASE_URL", "https://openrouter.ai/api/v1");
    }

    @Test
    void shouldGiveASecondInstanceIdsAndAStateFolderOfItsOwnAndTheGatewaysOneStreamTokenSecret() {
        LocalStackOptions two = LocalStackOptions.parse(List.of("--instances", "2"), Map.of(), Path.of("/p"));
        ServiceInstance secondProcessor = new ServiceInstance(LocalService.PROCESSOR, 1);

        assertThat(ServiceEnvironment.forInstance(secondProcessor, two, Map.of()))
                .containsEntry("SPRING_KAFKA_STREAMS_STATE_DIR", "/p/.local/state/stream-processor-2")
                .containsEntry("TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID", "local-stream-processor-2");
        assertThat(ServiceEnvironment.forInstance(new ServiceInstance(LocalService.INGEST, 1), two, Map.of()))
                .containsEntry("TRIBUTARY_INGEST_INSTANCE_ID", "local-ingest-service-2");
        assertThat(ServiceEnvironment.forInstance(new ServiceInstance(LocalService.GATEWAY, 0), two, Map.of()))
                .containsEntry("TRIBUTARY_SECURITY_STREAMTOKEN_SECRET", DevTokens.LOCAL_STREAM_TOKEN_SECRET);
        assertThat(ServiceEnvironment.forInstance(new ServiceInstance(LocalService.GATEWAY, 1), two, Map.of()))
                .containsEntry("TRIBUTARY_SECURITY_STREAMTOKEN_SECRET", DevTokens.LOCAL_STREAM_TOKEN_SECRET);
        assertThat(ServiceEnvironment.forService(LocalService.GATEWAY, OPTIONS, Map.of()))
                .doesNotContainKey("TRIBUTARY_SECURITY_STREAMTOKEN_SECRET");
        assertThat(secondProcessor.port(two)).isEqualTo(8182);
    }

    @Test
    void shouldPointTheServicesAtEveryNodeOfAClusterWithTripleReplication() {
        LocalStackOptions cluster = LocalStackOptions.parse(List.of("--brokers", "3"), Map.of(), Path.of("/p"));

        assertThat(ServiceEnvironment.forService(LocalService.PROCESSOR, cluster, Map.of()))
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092,localhost:9094,localhost:9096")
                .containsEntry("TRIBUTARY_TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "3");
        assertThat(cluster.ports()).containsEntry("Kafka node 3", 9096).containsEntry("Kafka controller node 3", 9097);
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of("--brokers", "2"), Map.of(), Path.of("/p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--brokers");
    }
}
