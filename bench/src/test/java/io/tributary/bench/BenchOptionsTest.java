package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/project");

    @Test
    void shouldDefaultToTheEmbeddedStackAndResultsUnderTheRoot() {
        BenchOptions options = BenchOptions.parse(List.of(), ROOT);

        assertThat(options.workload()).isEqualTo("latency");
        assertThat(options.target()).isNull();
        assertThat(options.simulatorPort()).isZero();
        assertThat(options.results()).isEqualTo(Path.of("/project/bench/results"));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void shouldTargetARunningStackWithAFixedSimulatorPort() {
        BenchOptions options = BenchOptions.parse(List.of("--target", "http://localhost:8081,http://localhost:8080",
                "--jobs", "5", "--rate", "500", "--duration", "2m", "--warmup", "500ms"), ROOT);

        assertThat(options.target()).containsExactly("http://localhost:8081", "http://localhost:8080");
        assertThat(options.simulatorPort()).isEqualTo(18090);
        assertThat(options.jobs()).isEqualTo(5);
        assertThat(options.rate()).isEqualTo(500);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldGiveTheGatewayTheServicesJvmOptionsUnlessItHasItsOwn() {
        BenchOptions shared = BenchOptions.parse(List.of("--service-java-opts", "-Xmx384m -XX:+UseSerialGC"), ROOT);
        BenchOptions own = BenchOptions.parse(List.of("--gateway-java-opts", "-Xmx1g"), ROOT);

        assertThat(shared.gatewayJvmOptions()).containsExactly("-Xmx384m", "-XX:+UseSerialGC");
        assertThat(own.serviceJvmOptions()).containsExactly("-Xmx512m");
        assertThat(own.gatewayJvmOptions()).containsExactly("-Xmx1g");
    }

    @Test
    void shouldRefuseAnUnknownOptionAWorkloadThatDoesNotExistAndAHalfTarget() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--jobz", "3"), ROOT)).hasMessageContaining("--jobz");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--workload", "nonesuch"), ROOT))
                .hasMessageContaining("Unknown workload");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--target", "http://localhost:8081"), ROOT))
                .hasMessageContaining("INGEST_URL,GATEWAY_URL");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--duration", "soon"), ROOT))
                .hasMessageContaining("--duration");
    }

    @Test
    void shouldTakeTheStreamsTargetBesideARunningStackAndCountItsReadersPerStream() {
        BenchOptions defaults = BenchOptions.parse(List.of("--workload", "streams", "--streams", "200"), ROOT);
        BenchOptions both = BenchOptions.parse(List.of("--workload", "streams", "--target", "reference",
                "--target", "http://localhost:8081,http://localhost:8080", "--viewers", "5"), ROOT);

        assertThat(defaults.jobs()).isEqualTo(200);
        assertThat(defaults.viewers()).isEqualTo(1);
        assertThat(defaults.streamsTarget()).isEqualTo("both");
        assertThat(both.streamsTarget()).isEqualTo("reference");
        assertThat(both.target()).containsExactly("http://localhost:8081", "http://localhost:8080");
        assertThat(both.viewers()).isEqualTo(5);
        assertThat(BenchOptions.parse(List.of(), ROOT).viewers()).isEqualTo(1000);
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--target", "both"), ROOT))
                .hasMessageContaining("--workload streams");
    }
}
