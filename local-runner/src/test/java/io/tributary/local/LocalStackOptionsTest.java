package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    private static final Path ROOT = Path.of("/projects/tributary");

    @Test
    void shouldUseTheDocumentedPortsAndKeepItsFilesInDotLocalByDefault() {
        LocalStackOptions options = LocalStackOptions.parse(List.of(), Map.of(), ROOT);

        assertThat(options.root()).isEqualTo(ROOT);
        assertThat(options.dataDir()).isEqualTo(ROOT.resolve(".local"));
        assertThat(options.kafkaDir()).isEqualTo(ROOT.resolve(".local/kafka"));
        assertThat(options.logsDir()).isEqualTo(ROOT.resolve(".local/logs"));
        assertThat(options.ports()).containsExactly(
                Map.entry("Kafka", 9092), Map.entry("Kafka controller", 9093), Map.entry("upstream simulator", 8090),
                Map.entry("gateway", 8080), Map.entry("ingest", 8081), Map.entry("processor", 8082));
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(options.help()).isFalse();
    }

    @Test
    void shouldTakeAFlagOverItsEnvironmentVariableAndTheVariableOverTheDefault() {
        LocalStackOptions options = LocalStackOptions.parse(
                List.of("--kafka-port", "19092", "--gateway-port=18080", "--data-dir", "/tmp/stack"),
                Map.of("TRIBUTARY_LOCAL_KAFKA_PORT", "29092", "TRIBUTARY_LOCAL_INGEST_PORT", "28081",
                        "TRIBUTARY_LOCAL_STARTUP_TIMEOUT", "60"),
                ROOT);

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.gatewayPort()).isEqualTo(18080);
        assertThat(options.ingestPort()).isEqualTo(28081);
        assertThat(options.processorPort()).isEqualTo(8082);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/stack"));
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldPutTheDataFolderUnderAnotherRoot() {
        LocalStackOptions options = LocalStackOptions.parse(List.of("--root", "/elsewhere"), Map.of(), ROOT);

        assertThat(options.dataDir()).isEqualTo(Path.of("/elsewhere/.local"));
    }

    @Test
    void shouldAskForHelp() {
        assertThat(LocalStackOptions.parse(List.of("--help"), Map.of(), ROOT).help()).isTrue();
        assertThat(LocalStackOptions.parse(List.of("-h"), Map.of(), ROOT).help()).isTrue();
    }

    @Test
    void shouldRejectAnUnknownOptionAMissingValueAndAPortThatIsNotOne() {
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of("--colour"), Map.of(), ROOT))
                .hasMessageContaining("Unknown option: --colour");
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of("--kafka-port"), Map.of(), ROOT))
                .hasMessageContaining("--kafka-port needs a value");
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of("--kafka-port", "ninety"), Map.of(), ROOT))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of(), Map.of("TRIBUTARY_LOCAL_GATEWAY_PORT", "70000"), ROOT))
                .hasMessageContaining("--gateway-port must be a port number");
    }

    @Test
    void shouldDocumentEveryOptionAndItsVariableInTheUsage() {
        String usage = LocalStackOptions.usage();

        assertThat(usage).contains("--data-dir", "TRIBUTARY_LOCAL_DATA_DIR", "--kafka-port", "TRIBUTARY_LOCAL_KAFKA_PORT",
                "--controller-port", "--simulator-port", "--gateway-port", "--ingest-port", "--processor-port",
                "--startup-timeout", "TRIBUTARY_SECURITY_JWT_SECRET", "TRIBUTARY_UPSTREAM_BASE_URL");
    }

    @Test
    void shouldRunOneOrTwoInstancesOfEachServiceAndCheckTheSecondsPortsToo() {
        LocalStackOptions one = LocalStackOptions.parse(List.of(), Map.of(), Path.of("/p"));
        LocalStackOptions two = LocalStackOptions.parse(List.of(), Map.of("TRIBUTARY_LOCAL_INSTANCES", "2"), Path.of("/p"));

        assertThat(one.instances()).isEqualTo(1);
        assertThat(one.ports()).doesNotContainKey("gateway 2");
        assertThat(two.instances()).isEqualTo(2);
        assertThat(two.ports()).containsEntry("gateway 2", 8180).containsEntry("ingest 2", 8181)
                .containsEntry("processor 2", 8182);
        assertThatThrownBy(() -> LocalStackOptions.parse(List.of("--instances", "3"), Map.of(), Path.of("/p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--instances");
        assertThat(LocalStackOptions.usage()).contains("--instances N");
    }
}
